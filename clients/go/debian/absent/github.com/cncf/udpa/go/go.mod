// Empty: see clients/go/debian/README.md.
module github.com/cncf/udpa/go
