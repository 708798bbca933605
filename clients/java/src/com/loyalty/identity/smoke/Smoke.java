package com.loyalty.identity.smoke;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.loyalty.identity.v1.CardNumberFormat;
import com.loyalty.identity.v1.CardNumberMethod;
import com.loyalty.identity.v1.CardSeries;
import com.loyalty.identity.v1.CardServiceGrpc;
import com.loyalty.identity.v1.CardStatusChange;
import com.loyalty.identity.v1.CardType;
import com.loyalty.identity.v1.CreateCardSeriesRequest;
import com.loyalty.identity.v1.CreateCustomerRequest;
import com.loyalty.identity.v1.Customer;
import com.loyalty.identity.v1.GenerateCardsRequest;
import com.loyalty.identity.v1.Identifier;
import com.loyalty.identity.v1.IdentifierServiceGrpc;
import com.loyalty.identity.v1.IdentifierType;
import com.loyalty.identity.v1.ListCardStatusChangesRequest;
import com.loyalty.identity.v1.Profile;
import com.loyalty.identity.v1.Source;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import java.util.concurrent.TimeUnit;

/**
 * One smoke run of the Java client generated from the protos: create a customer, read the
 * ErrorInfo (and a FieldViolation's reason) of two refused calls, and see an unset optional
 * field. Prints one line per step; clients/java/README.md shows the output.
 */
public final class Smoke {
  private Smoke() {}

  public static void main(String[] args) throws InvalidProtocolBufferException {
    String address = System.getenv().getOrDefault("LOYALTY_IDENTITY_ADDRESS", "127.0.0.1:50051");
    String token = System.getenv("LOYALTY_IDENTITY_TOKEN");
    // Plaintext for a server on loopback; useTransportSecurity() (the default) for TLS.
    ManagedChannel channel = ManagedChannelBuilder.forTarget(address).usePlaintext().build();
    try {
      Metadata headers = new Metadata();
      if (token != null && !token.isEmpty()) {
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
      }
      IdentifierServiceGrpc.IdentifierServiceBlockingStub identifiers =
          IdentifierServiceGrpc.newBlockingStub(channel)
              .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
              .withDeadlineAfter(30, TimeUnit.SECONDS);
      CardServiceGrpc.CardServiceBlockingStub cards =
          CardServiceGrpc.newBlockingStub(channel)
              .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
              .withDeadlineAfter(30, TimeUnit.SECONDS);

      CreateCustomerRequest request = customer(IdentifierType.IDENTIFIER_TYPE_MOBILE, "+86 138-0013-8001");
      Customer created = identifiers.createCustomer(request).getCustomer();
      System.out.println(
          "created " + created.getName().startsWith("customers/") + " "
              + created.getProfiles(0).getIdentifiers(0).getValue());

      try {
        identifiers.createCustomer(request);
        System.out.println("the second customer was created");
      } catch (StatusRuntimeException e) {
        ErrorInfo info = errorInfo(e);
        System.out.println(
            e.getStatus().getCode() + " " + info.getReason() + " " + info.getMetadataOrDefault("field", "-"));
      }

      try {
        identifiers.createCustomer(customer(IdentifierType.IDENTIFIER_TYPE_EMAIL, "ann at example.com"));
        System.out.println("a malformed email was accepted");
      } catch (StatusRuntimeException e) {
        BadRequest.FieldViolation violation = badRequest(e).getFieldViolations(0);
        System.out.println(
            e.getStatus().getCode() + " " + errorInfo(e).getReason() + " " + violation.getField() + " "
                + violation.getReason());
      }

      // from_status is `optional`: hasFromStatus() is false for the card's creation.
      CardSeries series =
          cards
              .createCardSeries(
                  CreateCardSeriesRequest.newBuilder()
                      .setSeries(
                          CardSeries.newBuilder()
                              .setCode("JAVA")
                              .setName("Java smoke card")
                              .setType(CardType.CARD_TYPE_DIGITAL)
                              .setFormat(
                                  CardNumberFormat.newBuilder()
                                      .setPrefix("JV")
                                      .setLength(10)
                                      .setMethod(CardNumberMethod.CARD_NUMBER_METHOD_SEQUENTIAL)))
                      .build())
              .getSeries();
      String number =
          cards.generateCards(GenerateCardsRequest.newBuilder().setSeriesId(series.getId()).setCount(1).build())
              .getNumbers(0);
      CardStatusChange first =
          cards
              .listCardStatusChanges(ListCardStatusChangesRequest.newBuilder().setNumber(number).build())
              .getChanges(0);
      System.out.println(
          "card " + first.getReason() + " from_status set " + first.hasFromStatus() + " to " + first.getToStatus());
    } finally {
      channel.shutdownNow();
    }
  }

  private static CreateCustomerRequest customer(IdentifierType type, String value) {
    return CreateCustomerRequest.newBuilder()
        .addProfiles(
            Profile.newBuilder()
                .setSource(Source.SOURCE_INSTORE)
                .addIdentifiers(Identifier.newBuilder().setType(type).setValue(value)))
        .build();
  }

  /** The ErrorInfo of a failed call (the grpc-status-details-bin trailer). */
  private static ErrorInfo errorInfo(StatusRuntimeException e) throws InvalidProtocolBufferException {
    for (Any detail : StatusProto.fromThrowable(e).getDetailsList()) {
      if (detail.is(ErrorInfo.class)) {
        return detail.unpack(ErrorInfo.class);
      }
    }
    throw new IllegalStateException("no ErrorInfo on " + e.getStatus());
  }

  private static BadRequest badRequest(StatusRuntimeException e) throws InvalidProtocolBufferException {
    for (Any detail : StatusProto.fromThrowable(e).getDetailsList()) {
      if (detail.is(BadRequest.class)) {
        return detail.unpack(BadRequest.class);
      }
    }
    throw new IllegalStateException("no BadRequest on " + e.getStatus());
  }
}
