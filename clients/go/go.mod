module loyalty-identity/clients/go

go 1.19
