// The Go client of loyalty-identity. It builds offline, in module mode, on the
// sources Debian's golang-*-dev packages install in /usr/share/gocode/src: every
// module of the build graph is replaced by a directory, so `go build ./...`
// downloads nothing and needs no go.sum (README.md, "Build and test").
module github.com/loyalty-identity/loyalty-identity/clients/go

go 1.19

// Versions as `go mod tidy` (offline) selects them from Debian's go.mod files; the
// code is Debian's whatever the version says: see the replace directives. Debian
// bookworm has grpc-go 1.33.3, protobuf-go 1.28.1, golang/protobuf 1.5.2, genproto of
// 2020-04-13, x/net 0.7.0, x/sys 0.3.0, x/text 0.7.0.
require (
	github.com/golang/protobuf v1.5.2 // indirect
	google.golang.org/genproto v0.0.0-20200526211855-cb27e3aa2013
	google.golang.org/grpc v1.33.3
	google.golang.org/protobuf v1.28.1
)

require (
	golang.org/x/net v0.7.0 // indirect
	golang.org/x/sys v0.5.0 // indirect
	golang.org/x/text v0.7.0 // indirect
)

// The modules the client compiles, from Debian's packages.
replace (
	github.com/golang/protobuf => /usr/share/gocode/src/github.com/golang/protobuf
	golang.org/x/net => /usr/share/gocode/src/golang.org/x/net
	golang.org/x/sys => /usr/share/gocode/src/golang.org/x/sys
	golang.org/x/text => /usr/share/gocode/src/golang.org/x/text
	google.golang.org/genproto => /usr/share/gocode/src/google.golang.org/genproto
	google.golang.org/grpc => /usr/share/gocode/src/google.golang.org/grpc
	google.golang.org/protobuf => /usr/share/gocode/src/google.golang.org/protobuf
)

// Required by those modules' go.mod files (their tests, tools, xDS), never compiled
// into the client: Debian's go-cmp and oauth2, and empty modules for the ones Debian's
// packages do not install, so that the module graph is complete offline.
replace (
	cloud.google.com/go/compute/metadata => ./debian/absent/cloud.google.com/go/compute/metadata
	github.com/cncf/udpa/go => ./debian/absent/github.com/cncf/udpa/go
	github.com/envoyproxy/go-control-plane => ./debian/absent/github.com/envoyproxy/go-control-plane
	github.com/golang/glog => ./debian/absent/github.com/golang/glog
	github.com/google/go-cmp => /usr/share/gocode/src/github.com/google/go-cmp
	github.com/google/uuid => ./debian/absent/github.com/google/uuid
	golang.org/x/lint => ./debian/absent/golang.org/x/lint
	golang.org/x/mod => ./debian/absent/golang.org/x/mod
	golang.org/x/oauth2 => /usr/share/gocode/src/golang.org/x/oauth2
	golang.org/x/term => ./debian/absent/golang.org/x/term
	golang.org/x/tools => ./debian/absent/golang.org/x/tools
	google.golang.org/appengine => ./debian/absent/google.golang.org/appengine
	honnef.co/go/tools => ./debian/absent/honnef.co/go/tools
)
