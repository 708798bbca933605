// Empty: see clients/go/debian/README.md.
module github.com/google/uuid
