// Empty: see clients/go/debian/README.md.
module honnef.co/go/tools
