// Empty: see clients/go/debian/README.md.
module github.com/envoyproxy/go-control-plane
