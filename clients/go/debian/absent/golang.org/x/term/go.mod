// Empty: see clients/go/debian/README.md.
module golang.org/x/term
