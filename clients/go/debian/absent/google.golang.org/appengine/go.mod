// Empty: see clients/go/debian/README.md.
module google.golang.org/appengine
