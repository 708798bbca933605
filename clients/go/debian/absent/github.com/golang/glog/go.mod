// Empty: see clients/go/debian/README.md.
module github.com/golang/glog
