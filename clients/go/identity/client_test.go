package identity_test

// Scenarios against a live server: tests/e2e/test_go_client.py starts one (with
// a tokens file and a second, TLS, listener on the same database) and runs
// `go test` with its address in the environment. Without it they skip, except
// under CI, where they fail: CI must prove the client works.

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"testing"
	"time"

	identityv1 "github.com/loyalty-identity/loyalty-identity/clients/go/gen/loyalty/identity/v1"
	"github.com/loyalty-identity/loyalty-identity/clients/go/identity"

	"google.golang.org/grpc/codes"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	reflectionpb "google.golang.org/grpc/reflection/grpc_reflection_v1alpha"
	"google.golang.org/grpc/status"
)

// TestMain says once, even without -v, why the scenarios against a live server
// skip: `go test` alone prints "ok" for a package whose tests all skipped.
func TestMain(m *testing.M) {
	if os.Getenv("LOYALTY_IDENTITY_ADDRESS") == "" && os.Getenv("CI") == "" {
		fmt.Fprintln(os.Stderr, "identity: LOYALTY_IDENTITY_ADDRESS is not set, so the tests against a live server skip"+
			" (only the fakes run); set it and the LOYALTY_IDENTITY_*_TOKEN variables (clients/go/README.md),"+
			" or run pytest tests/e2e/test_go_client.py, which starts a server")
	}
	os.Exit(m.Run())
}

func env(t *testing.T, name string) string {
	t.Helper()
	value := os.Getenv(name)
	if value == "" {
		message := name + " is not set: tests/e2e/test_go_client.py runs these tests against a live server"
		if os.Getenv("CI") != "" {
			t.Fatal(message)
		}
		t.Skip(message)
	}
	return value
}

func dial(t *testing.T, token string) *identity.Client {
	t.Helper()
	client, err := identity.Dial(context.Background(), env(t, "LOYALTY_IDENTITY_ADDRESS"), identity.Options{Token: token})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Close() })
	return client
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return c
}

var random = rand.New(rand.NewSource(time.Now().UnixNano()))

// mobile is a phone number no other test uses.
func mobile() string { return fmt.Sprintf("86139%08d", random.Intn(100000000)) }

func ident(kind identityv1.IdentifierType, value string) *identityv1.Identifier {
	return &identityv1.Identifier{Type: kind, Value: value}
}

func create(t *testing.T, c *identity.Client, source identityv1.Source, account string, ids ...*identityv1.Identifier) *identityv1.Customer {
	t.Helper()
	response, err := c.Identifiers.CreateCustomer(ctx(t), &identityv1.CreateCustomerRequest{
		Profiles: []*identityv1.Profile{{Source: source, AccountId: account, Identifiers: ids}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return response.GetCustomer()
}

func TestAutomaticMergeAndRedirect(t *testing.T) {
	c := dial(t, env(t, "LOYALTY_IDENTITY_TOKEN"))
	phone := mobile()
	ann := create(t, c, identityv1.Source_SOURCE_INSTORE, "", ident(identityv1.IdentifierType_IDENTIFIER_TYPE_MOBILE, "+"+phone))
	if got := ann.GetProfiles()[0].GetIdentifiers()[0].GetValue(); got != phone {
		t.Fatalf("mobile normalized to %q, want %q", got, phone)
	}
	openid := "o-go-" + phone
	wx := create(t, c, identityv1.Source_SOURCE_WECHAT, "wx-brand", ident(identityv1.IdentifierType_IDENTIFIER_TYPE_WECHAT, openid))

	updated, err := c.Identifiers.UpdateIdentifiers(ctx(t), &identityv1.UpdateIdentifiersRequest{
		Customer:  wx.GetName(),
		Source:    identityv1.Source_SOURCE_WECHAT,
		AccountId: "wx-brand",
		Add:       []*identityv1.Identifier{ident(identityv1.IdentifierType_IDENTIFIER_TYPE_MOBILE, phone)},
	})
	if err != nil {
		t.Fatal(err)
	}
	if updated.GetCustomer().GetName() != ann.GetName() || len(updated.GetMerges()) != 1 {
		t.Fatalf("want a merge into %s, got %v", ann.GetName(), updated)
	}
	merge := updated.GetMerges()[0]
	// `optional` in the proto: a pointer in Go, set for an automatic merge.
	if merge.TriggerSource == nil || *merge.TriggerSource != identityv1.Source_SOURCE_WECHAT {
		t.Fatalf("trigger_source = %v, want SOURCE_WECHAT", merge.TriggerSource)
	}

	// The victim's name reads its survivor; its openid finds the survivor too.
	got, err := c.Identifiers.GetCustomer(ctx(t), &identityv1.GetCustomerRequest{Name: wx.GetName()})
	if err != nil || got.GetCustomer().GetName() != ann.GetName() {
		t.Fatalf("GetCustomer(victim) = %v, %v; want the survivor %s", got, err, ann.GetName())
	}
	found, err := c.Identifiers.LookupCustomer(ctx(t), &identityv1.LookupCustomerRequest{
		Source:     identityv1.Source_SOURCE_WECHAT,
		AccountId:  "wx-brand",
		Identifier: ident(identityv1.IdentifierType_IDENTIFIER_TYPE_WECHAT, openid),
	})
	if err != nil || found.GetCustomer().GetName() != ann.GetName() {
		t.Fatalf("LookupCustomer(openid) = %v, %v", found, err)
	}
}

func TestExplicitMergeHasNoTriggerSource(t *testing.T) {
	c := dial(t, env(t, "LOYALTY_IDENTITY_TOKEN"))
	// Profiles in distinct channels: two INSTORE profiles would be PROFILE_CONFLICT.
	victim := create(t, c, identityv1.Source_SOURCE_TMALL, "", ident(identityv1.IdentifierType_IDENTIFIER_TYPE_TMALL_UNAME, "go-"+mobile()))
	survivor := create(t, c, identityv1.Source_SOURCE_INSTORE, "", ident(identityv1.IdentifierType_IDENTIFIER_TYPE_MOBILE, mobile()))
	merged, err := c.Identifiers.MergeCustomers(ctx(t), &identityv1.MergeCustomersRequest{
		Victim: victim.GetName(), Survivor: survivor.GetName(),
	})
	if err != nil {
		t.Fatal(err)
	}
	if merged.GetMerge().TriggerSource != nil || merged.GetMerge().GetTrigger() != nil {
		t.Fatalf("an explicit merge has no trigger, got %v", merged.GetMerge())
	}
	if merged.GetMerge().GetTriggerSource() != identityv1.Source_SOURCE_UNSPECIFIED {
		t.Fatal("the getter of an unset optional enum reads its zero value")
	}
}

func TestEraseCustomer(t *testing.T) {
	c := dial(t, env(t, "LOYALTY_IDENTITY_TOKEN"))
	phone := mobile()
	ann := create(t, c, identityv1.Source_SOURCE_INSTORE, "", ident(identityv1.IdentifierType_IDENTIFIER_TYPE_MOBILE, phone))
	erased, err := c.Identifiers.EraseCustomer(ctx(t), &identityv1.EraseCustomerRequest{Name: ann.GetName()})
	if err != nil {
		t.Fatal(err)
	}
	customer := erased.GetCustomer()
	if customer.GetState() != identityv1.CustomerState_CUSTOMER_STATE_ERASED || len(customer.GetProfiles()) != 0 || customer.GetEraseTime() == nil {
		t.Fatalf("want an erased customer with no profiles and an erase_time, got %v", customer)
	}
	// Writes naming it are refused; its number is free for someone else.
	_, err = c.Identifiers.UpdateIdentifiers(ctx(t), &identityv1.UpdateIdentifiersRequest{
		Customer: ann.GetName(),
		Source:   identityv1.Source_SOURCE_TMALL,
		Add:      []*identityv1.Identifier{ident(identityv1.IdentifierType_IDENTIFIER_TYPE_TMALL_UNAME, "go-"+phone)},
	})
	var e *identity.Error
	if !errors.Is(err, identity.CustomerErased) || !errors.As(err, &e) || e.Metadata["customer"] != ann.GetName() {
		t.Fatalf("want CUSTOMER_ERASED naming %s, got %v", ann.GetName(), err)
	}
	again := create(t, c, identityv1.Source_SOURCE_INSTORE, "", ident(identityv1.IdentifierType_IDENTIFIER_TYPE_MOBILE, phone))
	if again.GetName() == ann.GetName() {
		t.Fatal("the freed number made no new customer")
	}
}

func TestErrorReasonsAndDetails(t *testing.T) {
	c := dial(t, env(t, "LOYALTY_IDENTITY_TOKEN"))
	phone := mobile()
	holder := create(t, c, identityv1.Source_SOURCE_INSTORE, "", ident(identityv1.IdentifierType_IDENTIFIER_TYPE_MOBILE, phone))

	// The same number in the same channel: ALREADY_EXISTS, reason IDENTIFIER_TAKEN, who holds it.
	_, err := c.Identifiers.CreateCustomer(ctx(t), &identityv1.CreateCustomerRequest{
		Profiles: []*identityv1.Profile{{
			Source:      identityv1.Source_SOURCE_INSTORE,
			Identifiers: []*identityv1.Identifier{ident(identityv1.IdentifierType_IDENTIFIER_TYPE_MOBILE, phone)},
		}},
	})
	if !errors.Is(err, identity.IdentifierTaken) {
		t.Fatalf("want IDENTIFIER_TAKEN, got %v", err)
	}
	var taken *identity.Error
	if !errors.As(err, &taken) {
		t.Fatalf("%T is not an *identity.Error", err)
	}
	if taken.Code != codes.AlreadyExists || status.Code(err) != codes.AlreadyExists || taken.Domain != identity.Domain {
		t.Fatalf("code %v / %v, domain %q", taken.Code, status.Code(err), taken.Domain)
	}
	if taken.Metadata["customer"] != holder.GetName() || taken.Metadata["identifier_type"] != "MOBILE" {
		t.Fatalf("metadata %v", taken.Metadata)
	}
	if errors.Is(err, identity.CustomerNotFound) {
		t.Fatal("errors.Is matches the reason only")
	}

	// A malformed email: INVALID_ARGUMENT, with the field and the violation's own reason.
	_, err = c.Identifiers.CreateCustomer(ctx(t), &identityv1.CreateCustomerRequest{
		Profiles: []*identityv1.Profile{{
			Source:      identityv1.Source_SOURCE_INSTORE,
			Identifiers: []*identityv1.Identifier{ident(identityv1.IdentifierType_IDENTIFIER_TYPE_EMAIL, "ann at example.com")},
		}},
	})
	invalid, ok := identity.FromError(err)
	if !ok || invalid.Reason != identity.InvalidIdentifier || invalid.Code != codes.InvalidArgument {
		t.Fatalf("want INVALID_IDENTIFIER, got %v", err)
	}
	want := identity.FieldViolation{Field: "profiles[0].identifiers[0].value", Reason: identity.InvalidIdentifier}
	if len(invalid.FieldViolations) != 1 || invalid.FieldViolations[0].Field != want.Field ||
		invalid.FieldViolations[0].Reason != want.Reason || invalid.FieldViolations[0].Description == "" {
		t.Fatalf("field violations %+v, want %+v", invalid.FieldViolations, want)
	}

	// NOT_FOUND names the resource looked for.
	missing := "customers/00000000-0000-4000-8000-000000000000"
	_, err = c.Identifiers.GetCustomer(ctx(t), &identityv1.GetCustomerRequest{Name: missing})
	notFound, _ := identity.FromError(err)
	if !errors.Is(err, identity.CustomerNotFound) || notFound.Resource == nil || notFound.Resource.ResourceName != missing {
		t.Fatalf("want CUSTOMER_NOT_FOUND with a ResourceInfo, got %v (%+v)", err, notFound)
	}

	// A token the server does not know.
	stranger := dial(t, "not-a-token")
	_, err = stranger.Identifiers.GetCustomer(ctx(t), &identityv1.GetCustomerRequest{Name: missing})
	if !errors.Is(err, identity.Unauthenticated) || status.Code(err) != codes.Unauthenticated {
		t.Fatalf("want UNAUTHENTICATED, got %v", err)
	}
}

func TestCardsLogAndStatusLabels(t *testing.T) {
	c := dial(t, env(t, "LOYALTY_IDENTITY_TOKEN"))
	code := fmt.Sprintf("GO%d", random.Intn(1000000))
	series, err := c.Cards.CreateCardSeries(ctx(t), &identityv1.CreateCardSeriesRequest{Series: &identityv1.CardSeries{
		Code: code, Name: "Go test card", Type: identityv1.CardType_CARD_TYPE_DIGITAL,
		Format: &identityv1.CardNumberFormat{
			Prefix: "77", Length: 12, Method: identityv1.CardNumberMethod_CARD_NUMBER_METHOD_SEQUENTIAL, LuhnCheckDigit: true,
		},
	}})
	if err != nil {
		t.Fatal(err)
	}
	owner := create(t, c, identityv1.Source_SOURCE_INSTORE, "", ident(identityv1.IdentifierType_IDENTIFIER_TYPE_MOBILE, mobile()))
	issued, err := c.Cards.IssueCard(ctx(t), &identityv1.IssueCardRequest{Customer: owner.GetName(), SeriesId: series.GetSeries().GetId()})
	if err != nil {
		t.Fatal(err)
	}
	card := issued.GetCard()
	if card.GetStatus() != identityv1.CardStatus_CARD_STATUS_ACTIVE || card.GetCustomer() != owner.GetName() {
		t.Fatalf("issued %v", card)
	}
	log, err := c.Cards.ListCardStatusChanges(ctx(t), &identityv1.ListCardStatusChangesRequest{Number: card.GetNumber()})
	if err != nil {
		t.Fatal(err)
	}
	changes := log.GetChanges()
	if len(changes) != 2 {
		t.Fatalf("log %v", changes)
	}
	// The card's creation had no status before: from_status is unset, never CARD_STATUS_UNSPECIFIED data.
	if changes[0].FromStatus != nil || changes[0].GetToStatus() != identityv1.CardStatus_CARD_STATUS_NOT_ISSUED {
		t.Fatalf("creation entry %v", changes[0])
	}
	if changes[1].FromStatus == nil || *changes[1].FromStatus != identityv1.CardStatus_CARD_STATUS_NOT_ISSUED {
		t.Fatalf("issue entry %v", changes[1])
	}

	// Status labels page like every List RPC.
	var labels []string
	token := ""
	for pages := 0; ; pages++ {
		page, err := c.Cards.ListStatusLabels(ctx(t), &identityv1.ListStatusLabelsRequest{PageSize: 2, PageToken: token})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.GetStatusLabels()) > 2 || pages > 100 {
			t.Fatalf("page of %d", len(page.GetStatusLabels()))
		}
		for _, label := range page.GetStatusLabels() {
			labels = append(labels, label.GetLabel())
		}
		if token = page.GetNextPageToken(); token == "" {
			break
		}
	}
	all, err := c.Cards.ListStatusLabels(ctx(t), &identityv1.ListStatusLabelsRequest{})
	if err != nil || len(all.GetStatusLabels()) != len(labels) || all.GetNextPageToken() != "" || len(labels) < 6 {
		t.Fatalf("pages gave %v; one call gave %v (%v)", labels, all, err)
	}
	_, err = c.Cards.ListStatusLabels(ctx(t), &identityv1.ListStatusLabelsRequest{PageSize: -1})
	if e, _ := identity.FromError(err); e == nil || e.Reason != identity.InvalidArgument || e.FieldViolations[0].Field != "page_size" {
		t.Fatalf("negative page size: %v", err)
	}
}

// lastSequence pages through ListEvents to the end of the feed, as a client catching up does.
func lastSequence(t *testing.T, c *identity.Client) int64 {
	t.Helper()
	var after int64
	for {
		page, err := c.Events.ListEvents(ctx(t), &identityv1.ListEventsRequest{AfterSequence: after, PageSize: 50})
		if err != nil {
			t.Fatal(err)
		}
		for _, event := range page.GetEvents() {
			if event.GetSequence() != after+1 {
				t.Fatalf("sequence %d after %d", event.GetSequence(), after)
			}
			after = event.GetSequence()
		}
		if after == page.GetLastSequence() {
			return after
		}
	}
}

func TestWatchFollowsTheFeed(t *testing.T) {
	c := dial(t, env(t, "LOYALTY_IDENTITY_TOKEN"))
	revealing := dial(t, env(t, "LOYALTY_IDENTITY_REVEAL_TOKEN"))
	start := lastSequence(t, c)

	w := revealing.Watch(ctx(t), start, identity.WatchOptions{RevealValues: true})
	defer w.Close()
	phone := mobile()
	survivor := create(t, c, identityv1.Source_SOURCE_INSTORE, "", ident(identityv1.IdentifierType_IDENTIFIER_TYPE_MOBILE, phone))
	victim := create(t, c, identityv1.Source_SOURCE_TMALL, "", ident(identityv1.IdentifierType_IDENTIFIER_TYPE_TMALL_UNAME, "go-"+phone))
	updated, err := c.Identifiers.UpdateIdentifiers(ctx(t), &identityv1.UpdateIdentifiersRequest{
		Customer: victim.GetName(), Source: identityv1.Source_SOURCE_TMALL,
		Add: []*identityv1.Identifier{ident(identityv1.IdentifierType_IDENTIFIER_TYPE_MOBILE, phone)},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Identifiers.UnmergeCustomers(ctx(t), &identityv1.UnmergeCustomersRequest{Merge: updated.GetMerges()[0].GetName()}); err != nil {
		t.Fatal(err)
	}

	var kinds []string
	for len(kinds) < 5 && w.Next() {
		event := w.Event()
		switch change := event.GetChange().(type) {
		case *identityv1.Event_CustomerCreated:
			kinds = append(kinds, "created")
			if value := change.CustomerCreated.GetIdentifiers()[0].GetValue(); change.CustomerCreated.GetCustomer() == survivor.GetName() && value != phone {
				t.Fatalf("revealed value %q, want %q", value, phone)
			}
		case *identityv1.Event_CustomersMerged:
			kinds = append(kinds, "merged")
			if change.CustomersMerged.GetVictim() != victim.GetName() || change.CustomersMerged.GetSurvivor() != survivor.GetName() {
				t.Fatalf("merge event %v", change)
			}
		case *identityv1.Event_IdentifiersChanged:
			kinds = append(kinds, "identifiers")
		case *identityv1.Event_CustomersUnmerged:
			kinds = append(kinds, "unmerged")
		default:
			t.Fatalf("unexpected event %v", event)
		}
	}
	if err := w.Err(); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(kinds) != "[created created merged identifiers unmerged]" || w.LastSequence() != start+5 {
		t.Fatalf("events %v, last sequence %d (from %d)", kinds, w.LastSequence(), start)
	}
	w.Close()
	if w.Next() || w.Err() != nil {
		t.Fatalf("after Close: Next true or Err %v", w.Err())
	}

	// Resuming after LastSequence starts with the next event: none is repeated.
	resumed := c.Watch(ctx(t), start+3, identity.WatchOptions{})
	defer resumed.Close()
	if !resumed.Next() || resumed.Event().GetSequence() != start+4 {
		t.Fatalf("resumed at %v (%v)", resumed.Event(), resumed.Err())
	}

	// Unmasked values need the reveal grant: the watch ends with PERMISSION_DENIED.
	refused := c.Watch(ctx(t), start, identity.WatchOptions{RevealValues: true})
	defer refused.Close()
	if refused.Next() || !errors.Is(refused.Err(), identity.PermissionDenied) {
		t.Fatalf("want PERMISSION_DENIED, got %v", refused.Err())
	}
}

func TestHealthAndReflection(t *testing.T) {
	c := dial(t, env(t, "LOYALTY_IDENTITY_TOKEN"))
	health, err := c.Health.Check(ctx(t), &healthpb.HealthCheckRequest{})
	if err != nil || health.GetStatus() != healthpb.HealthCheckResponse_SERVING {
		t.Fatalf("health %v, %v", health, err)
	}
	stream, err := reflectionpb.NewServerReflectionClient(c.Conn()).ServerReflectionInfo(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := stream.Send(&reflectionpb.ServerReflectionRequest{
		MessageRequest: &reflectionpb.ServerReflectionRequest_ListServices{ListServices: "*"},
	}); err != nil {
		t.Fatal(err)
	}
	response, err := stream.Recv()
	if err != nil {
		t.Fatal(err)
	}
	services := map[string]bool{}
	for _, service := range response.GetListServicesResponse().GetService() {
		services[service.GetName()] = true
	}
	for _, name := range []string{
		"loyalty.identity.v1.IdentifierService", "loyalty.identity.v1.CardService", "loyalty.identity.v1.EventService",
		"loyalty.identity.v1.MergeReviewService",
	} {
		if !services[name] {
			t.Fatalf("reflection lists %v, not %s", services, name)
		}
	}
}

func TestTLSWithToken(t *testing.T) {
	address := env(t, "LOYALTY_IDENTITY_TLS_ADDRESS")
	pem, err := os.ReadFile(env(t, "LOYALTY_IDENTITY_TLS_CA_FILE"))
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(pem) {
		t.Fatal("no certificate in the CA file")
	}
	c, err := identity.Dial(context.Background(), address, identity.Options{
		Token: env(t, "LOYALTY_IDENTITY_TOKEN"),
		TLS:   &tls.Config{RootCAs: roots, ServerName: "localhost", MinVersion: tls.VersionTLS12},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	created := create(t, c, identityv1.Source_SOURCE_INSTORE, "", ident(identityv1.IdentifierType_IDENTIFIER_TYPE_MOBILE, mobile()))
	// Same org and database as the plaintext listener: the other connection reads it.
	got, err := dial(t, env(t, "LOYALTY_IDENTITY_TOKEN")).Identifiers.GetCustomer(ctx(t), &identityv1.GetCustomerRequest{Name: created.GetName()})
	if err != nil || got.GetCustomer().GetName() != created.GetName() {
		t.Fatalf("%v, %v", got, err)
	}
}

func TestFindCustomersInAnyScopeAndInBatches(t *testing.T) {
	c := dial(t, env(t, "LOYALTY_IDENTITY_TOKEN"))
	email := fmt.Sprintf("go-find-%s@example.com", mobile())
	emailID := ident(identityv1.IdentifierType_IDENTIFIER_TYPE_EMAIL, email)
	response, err := c.Identifiers.CreateCustomer(ctx(t), &identityv1.CreateCustomerRequest{Profiles: []*identityv1.Profile{
		{Source: identityv1.Source_SOURCE_TMALL, Identifiers: []*identityv1.Identifier{emailID}},
		{Source: identityv1.Source_SOURCE_WECHAT, AccountId: "wx-brand", Identifiers: []*identityv1.Identifier{emailID}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	ann := response.GetCustomer()

	// 150 queries: two calls. Index 120 finds Ann in any scope, 121 in TMALL; the rest miss.
	queries := make([]*identityv1.IdentifierQuery, 150)
	for i := range queries {
		queries[i] = identity.AnyScope(identityv1.IdentifierType_IDENTIFIER_TYPE_EXTERNAL_ID, fmt.Sprintf("go-nobody-%d-%s", i, mobile()))
	}
	queries[120] = identity.AnyScope(identityv1.IdentifierType_IDENTIFIER_TYPE_EMAIL, email)
	queries[121] = &identityv1.IdentifierQuery{Source: identityv1.Source_SOURCE_TMALL, Identifier: emailID}
	results, err := c.FindCustomers(ctx(t), queries)
	if err != nil || len(results) != len(queries) {
		t.Fatalf("FindCustomers = %d results, %v; want %d", len(results), err, len(queries))
	}
	for i, found := range results {
		want := ""
		if i == 120 || i == 121 {
			want = ann.GetName()
		}
		if found.GetCustomer().GetName() != want {
			t.Fatalf("results[%d].customer = %q, want %q", i, found.GetCustomer().GetName(), want)
		}
	}
	// The first scope holding the value: WECHAT (2) comes before TMALL (6).
	if first := results[120]; first.GetSource() != identityv1.Source_SOURCE_WECHAT || first.GetAccountId() != "wx-brand" {
		t.Fatalf("any-scope result in %v/%q, want SOURCE_WECHAT/wx-brand", first.GetSource(), first.GetAccountId())
	}
	if results[121].GetSource() != identityv1.Source_SOURCE_TMALL {
		t.Fatalf("scoped result in %v, want its own scope", results[121].GetSource())
	}

	// A malformed query fails its call; the results before it say where it was.
	queries[130] = &identityv1.IdentifierQuery{AccountId: "wx-brand", Identifier: emailID}
	results, err = c.FindCustomers(ctx(t), queries)
	var e *identity.Error
	if !errors.Is(err, identity.AccountIDNotAllowed) || !errors.As(err, &e) || status.Code(err) != codes.InvalidArgument {
		t.Fatalf("FindCustomers with an account but no source = %v, want ACCOUNT_ID_NOT_ALLOWED", err)
	}
	if got := fmt.Sprintf("queries[%d].account_id", 130-len(results)); len(results) != identity.MaxQueries || e.FieldViolations[0].Field != got {
		t.Fatalf("%d results before the failed call, violation on %v; want %d and %s", len(results), e.FieldViolations, identity.MaxQueries, got)
	}
}
