// Command quickstart creates a customer, finds it by its mobile number in
// any scope (and misses it in another channel), then shows why a second
// customer with the same mobile number in the same channel is refused.
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"strings"
	"time"

	identityv1 "github.com/loyalty-identity/loyalty-identity/clients/go/gen/loyalty/identity/v1"
	"github.com/loyalty-identity/loyalty-identity/clients/go/identity"
)

func main() {
	address := os.Getenv("LOYALTY_IDENTITY_ADDRESS") // HOST:PORT of the server
	if address == "" {
		address = "127.0.0.1:50051"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	// A token when the server has a tokens file; TLS: identity.Options{TLS: &tls.Config{...}}.
	client, err := identity.Dial(ctx, address, identity.Options{Token: os.Getenv("LOYALTY_IDENTITY_TOKEN")})
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()

	request := &identityv1.CreateCustomerRequest{Profiles: []*identityv1.Profile{{
		Source: identityv1.Source_SOURCE_INSTORE,
		Identifiers: []*identityv1.Identifier{
			{Type: identityv1.IdentifierType_IDENTIFIER_TYPE_MOBILE, Value: "+86 138-0013-8000"},
		},
	}}}
	created, err := client.Identifiers.CreateCustomer(ctx, request)
	if err != nil {
		log.Fatal(err)
	}
	customer := created.GetCustomer()
	fmt.Println("created", strings.HasPrefix(customer.GetName(), "customers/"), customer.GetProfiles()[0].GetIdentifiers()[0].GetValue())

	// Who holds this number? In any scope (no source) and in TMALL: one call,
	// one result per query in order; a result without a customer is a miss.
	mobile := &identityv1.Identifier{Type: identityv1.IdentifierType_IDENTIFIER_TYPE_MOBILE, Value: "8613800138000"}
	found, err := client.FindCustomers(ctx, []*identityv1.IdentifierQuery{
		{Identifier: mobile},
		{Source: identityv1.Source_SOURCE_TMALL, Identifier: mobile},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, result := range found {
		fmt.Println("found", result.GetCustomer().GetName() == customer.GetName(), result.GetSource())
	}

	// The same number in the same channel again: the code says what kind of
	// failure, the reason exactly which, the metadata the details.
	_, err = client.Identifiers.CreateCustomer(ctx, request)
	var refused *identity.Error
	switch {
	case errors.Is(err, identity.IdentifierTaken) && errors.As(err, &refused):
		fmt.Println(refused.Code, refused.Reason, refused.Metadata["field"], refused.Metadata["customer"] == customer.GetName())
	case err != nil:
		log.Fatal(err)
	default:
		log.Fatal("the second customer was created")
	}
}
