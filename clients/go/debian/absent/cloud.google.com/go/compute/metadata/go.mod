// Empty: see clients/go/debian/README.md.
module cloud.google.com/go/compute/metadata
