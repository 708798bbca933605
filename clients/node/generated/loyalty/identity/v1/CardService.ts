// Original file: ../../protos/loyalty/identity/v1/card_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CreateCardRequest as _loyalty_identity_v1_CreateCardRequest, CreateCardRequest__Output as _loyalty_identity_v1_CreateCardRequest__Output } from '../../../loyalty/identity/v1/CreateCardRequest';
import type { CreateCardResponse as _loyalty_identity_v1_CreateCardResponse, CreateCardResponse__Output as _loyalty_identity_v1_CreateCardResponse__Output } from '../../../loyalty/identity/v1/CreateCardResponse';
import type { CreateCardSeriesRequest as _loyalty_identity_v1_CreateCardSeriesRequest, CreateCardSeriesRequest__Output as _loyalty_identity_v1_CreateCardSeriesRequest__Output } from '../../../loyalty/identity/v1/CreateCardSeriesRequest';
import type { CreateCardSeriesResponse as _loyalty_identity_v1_CreateCardSeriesResponse, CreateCardSeriesResponse__Output as _loyalty_identity_v1_CreateCardSeriesResponse__Output } from '../../../loyalty/identity/v1/CreateCardSeriesResponse';
import type { CreateStatusLabelRequest as _loyalty_identity_v1_CreateStatusLabelRequest, CreateStatusLabelRequest__Output as _loyalty_identity_v1_CreateStatusLabelRequest__Output } from '../../../loyalty/identity/v1/CreateStatusLabelRequest';
import type { CreateStatusLabelResponse as _loyalty_identity_v1_CreateStatusLabelResponse, CreateStatusLabelResponse__Output as _loyalty_identity_v1_CreateStatusLabelResponse__Output } from '../../../loyalty/identity/v1/CreateStatusLabelResponse';
import type { GenerateCardsRequest as _loyalty_identity_v1_GenerateCardsRequest, GenerateCardsRequest__Output as _loyalty_identity_v1_GenerateCardsRequest__Output } from '../../../loyalty/identity/v1/GenerateCardsRequest';
import type { GenerateCardsResponse as _loyalty_identity_v1_GenerateCardsResponse, GenerateCardsResponse__Output as _loyalty_identity_v1_GenerateCardsResponse__Output } from '../../../loyalty/identity/v1/GenerateCardsResponse';
import type { GetCardRequest as _loyalty_identity_v1_GetCardRequest, GetCardRequest__Output as _loyalty_identity_v1_GetCardRequest__Output } from '../../../loyalty/identity/v1/GetCardRequest';
import type { GetCardResponse as _loyalty_identity_v1_GetCardResponse, GetCardResponse__Output as _loyalty_identity_v1_GetCardResponse__Output } from '../../../loyalty/identity/v1/GetCardResponse';
import type { GetCardSeriesRequest as _loyalty_identity_v1_GetCardSeriesRequest, GetCardSeriesRequest__Output as _loyalty_identity_v1_GetCardSeriesRequest__Output } from '../../../loyalty/identity/v1/GetCardSeriesRequest';
import type { GetCardSeriesResponse as _loyalty_identity_v1_GetCardSeriesResponse, GetCardSeriesResponse__Output as _loyalty_identity_v1_GetCardSeriesResponse__Output } from '../../../loyalty/identity/v1/GetCardSeriesResponse';
import type { IssueCardRequest as _loyalty_identity_v1_IssueCardRequest, IssueCardRequest__Output as _loyalty_identity_v1_IssueCardRequest__Output } from '../../../loyalty/identity/v1/IssueCardRequest';
import type { IssueCardResponse as _loyalty_identity_v1_IssueCardResponse, IssueCardResponse__Output as _loyalty_identity_v1_IssueCardResponse__Output } from '../../../loyalty/identity/v1/IssueCardResponse';
import type { ListCardSeriesRequest as _loyalty_identity_v1_ListCardSeriesRequest, ListCardSeriesRequest__Output as _loyalty_identity_v1_ListCardSeriesRequest__Output } from '../../../loyalty/identity/v1/ListCardSeriesRequest';
import type { ListCardSeriesResponse as _loyalty_identity_v1_ListCardSeriesResponse, ListCardSeriesResponse__Output as _loyalty_identity_v1_ListCardSeriesResponse__Output } from '../../../loyalty/identity/v1/ListCardSeriesResponse';
import type { ListCardStatusChangesRequest as _loyalty_identity_v1_ListCardStatusChangesRequest, ListCardStatusChangesRequest__Output as _loyalty_identity_v1_ListCardStatusChangesRequest__Output } from '../../../loyalty/identity/v1/ListCardStatusChangesRequest';
import type { ListCardStatusChangesResponse as _loyalty_identity_v1_ListCardStatusChangesResponse, ListCardStatusChangesResponse__Output as _loyalty_identity_v1_ListCardStatusChangesResponse__Output } from '../../../loyalty/identity/v1/ListCardStatusChangesResponse';
import type { ListCardsRequest as _loyalty_identity_v1_ListCardsRequest, ListCardsRequest__Output as _loyalty_identity_v1_ListCardsRequest__Output } from '../../../loyalty/identity/v1/ListCardsRequest';
import type { ListCardsResponse as _loyalty_identity_v1_ListCardsResponse, ListCardsResponse__Output as _loyalty_identity_v1_ListCardsResponse__Output } from '../../../loyalty/identity/v1/ListCardsResponse';
import type { ListStatusLabelsRequest as _loyalty_identity_v1_ListStatusLabelsRequest, ListStatusLabelsRequest__Output as _loyalty_identity_v1_ListStatusLabelsRequest__Output } from '../../../loyalty/identity/v1/ListStatusLabelsRequest';
import type { ListStatusLabelsResponse as _loyalty_identity_v1_ListStatusLabelsResponse, ListStatusLabelsResponse__Output as _loyalty_identity_v1_ListStatusLabelsResponse__Output } from '../../../loyalty/identity/v1/ListStatusLabelsResponse';
import type { UnlinkCardRequest as _loyalty_identity_v1_UnlinkCardRequest, UnlinkCardRequest__Output as _loyalty_identity_v1_UnlinkCardRequest__Output } from '../../../loyalty/identity/v1/UnlinkCardRequest';
import type { UnlinkCardResponse as _loyalty_identity_v1_UnlinkCardResponse, UnlinkCardResponse__Output as _loyalty_identity_v1_UnlinkCardResponse__Output } from '../../../loyalty/identity/v1/UnlinkCardResponse';
import type { UpdateCardStatusRequest as _loyalty_identity_v1_UpdateCardStatusRequest, UpdateCardStatusRequest__Output as _loyalty_identity_v1_UpdateCardStatusRequest__Output } from '../../../loyalty/identity/v1/UpdateCardStatusRequest';
import type { UpdateCardStatusResponse as _loyalty_identity_v1_UpdateCardStatusResponse, UpdateCardStatusResponse__Output as _loyalty_identity_v1_UpdateCardStatusResponse__Output } from '../../../loyalty/identity/v1/UpdateCardStatusResponse';

/**
 * Issues loyalty cards from card series.
 * 
 * Errors carry a google.rpc.Status with one google.rpc.ErrorInfo (domain
 * "loyalty.identity.v1"), plus google.rpc.BadRequest for INVALID_ARGUMENT and
 * google.rpc.ResourceInfo for NOT_FOUND. Mutating calls accept `request_id`
 * (idempotent retries) and `validate_only` (dry run).
 */
export interface CardServiceClient extends grpc.Client {
  /**
   * Creates one card in stock (NOT_ISSUED) with a given number.
   * Errors: CARD_SERIES_NOT_FOUND, CARD_NUMBER_FORMAT, CARD_NUMBER_TAKEN,
   * STATUS_LABEL_NOT_FOUND, INVALID_STATUS_TRANSITION (label not of
   * NOT_ISSUED).
   */
  CreateCard(argument: _loyalty_identity_v1_CreateCardRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_CreateCardResponse__Output>): grpc.ClientUnaryCall;
  CreateCard(argument: _loyalty_identity_v1_CreateCardRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_CreateCardResponse__Output>): grpc.ClientUnaryCall;
  CreateCard(argument: _loyalty_identity_v1_CreateCardRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_CreateCardResponse__Output>): grpc.ClientUnaryCall;
  CreateCard(argument: _loyalty_identity_v1_CreateCardRequest, callback: grpc.requestCallback<_loyalty_identity_v1_CreateCardResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Creates one card in stock (NOT_ISSUED) with a given number.
   * Errors: CARD_SERIES_NOT_FOUND, CARD_NUMBER_FORMAT, CARD_NUMBER_TAKEN,
   * STATUS_LABEL_NOT_FOUND, INVALID_STATUS_TRANSITION (label not of
   * NOT_ISSUED).
   */
  createCard(argument: _loyalty_identity_v1_CreateCardRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_CreateCardResponse__Output>): grpc.ClientUnaryCall;
  createCard(argument: _loyalty_identity_v1_CreateCardRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_CreateCardResponse__Output>): grpc.ClientUnaryCall;
  createCard(argument: _loyalty_identity_v1_CreateCardRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_CreateCardResponse__Output>): grpc.ClientUnaryCall;
  createCard(argument: _loyalty_identity_v1_CreateCardRequest, callback: grpc.requestCallback<_loyalty_identity_v1_CreateCardResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Creates a card series.
   * Errors: CARD_SERIES_CODE_TAKEN, INVALID_ARGUMENT (bad code, name, type,
   * format, negative limits), REQUEST_ID_REUSED.
   */
  CreateCardSeries(argument: _loyalty_identity_v1_CreateCardSeriesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_CreateCardSeriesResponse__Output>): grpc.ClientUnaryCall;
  CreateCardSeries(argument: _loyalty_identity_v1_CreateCardSeriesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_CreateCardSeriesResponse__Output>): grpc.ClientUnaryCall;
  CreateCardSeries(argument: _loyalty_identity_v1_CreateCardSeriesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_CreateCardSeriesResponse__Output>): grpc.ClientUnaryCall;
  CreateCardSeries(argument: _loyalty_identity_v1_CreateCardSeriesRequest, callback: grpc.requestCallback<_loyalty_identity_v1_CreateCardSeriesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Creates a card series.
   * Errors: CARD_SERIES_CODE_TAKEN, INVALID_ARGUMENT (bad code, name, type,
   * format, negative limits), REQUEST_ID_REUSED.
   */
  createCardSeries(argument: _loyalty_identity_v1_CreateCardSeriesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_CreateCardSeriesResponse__Output>): grpc.ClientUnaryCall;
  createCardSeries(argument: _loyalty_identity_v1_CreateCardSeriesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_CreateCardSeriesResponse__Output>): grpc.ClientUnaryCall;
  createCardSeries(argument: _loyalty_identity_v1_CreateCardSeriesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_CreateCardSeriesResponse__Output>): grpc.ClientUnaryCall;
  createCardSeries(argument: _loyalty_identity_v1_CreateCardSeriesRequest, callback: grpc.requestCallback<_loyalty_identity_v1_CreateCardSeriesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Creates an org-defined label for a card status.
   * Errors: STATUS_LABEL_TAKEN (also for the six default labels),
   * INVALID_ARGUMENT.
   */
  CreateStatusLabel(argument: _loyalty_identity_v1_CreateStatusLabelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_CreateStatusLabelResponse__Output>): grpc.ClientUnaryCall;
  CreateStatusLabel(argument: _loyalty_identity_v1_CreateStatusLabelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_CreateStatusLabelResponse__Output>): grpc.ClientUnaryCall;
  CreateStatusLabel(argument: _loyalty_identity_v1_CreateStatusLabelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_CreateStatusLabelResponse__Output>): grpc.ClientUnaryCall;
  CreateStatusLabel(argument: _loyalty_identity_v1_CreateStatusLabelRequest, callback: grpc.requestCallback<_loyalty_identity_v1_CreateStatusLabelResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Creates an org-defined label for a card status.
   * Errors: STATUS_LABEL_TAKEN (also for the six default labels),
   * INVALID_ARGUMENT.
   */
  createStatusLabel(argument: _loyalty_identity_v1_CreateStatusLabelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_CreateStatusLabelResponse__Output>): grpc.ClientUnaryCall;
  createStatusLabel(argument: _loyalty_identity_v1_CreateStatusLabelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_CreateStatusLabelResponse__Output>): grpc.ClientUnaryCall;
  createStatusLabel(argument: _loyalty_identity_v1_CreateStatusLabelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_CreateStatusLabelResponse__Output>): grpc.ClientUnaryCall;
  createStatusLabel(argument: _loyalty_identity_v1_CreateStatusLabelRequest, callback: grpc.requestCallback<_loyalty_identity_v1_CreateStatusLabelResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Creates up to 50,000 cards in stock in one transaction; numbers never
   * repeat.
   * Errors: CARD_SERIES_NOT_FOUND, SERIES_EXHAUSTED, INVALID_ARGUMENT (count).
   */
  GenerateCards(argument: _loyalty_identity_v1_GenerateCardsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_GenerateCardsResponse__Output>): grpc.ClientUnaryCall;
  GenerateCards(argument: _loyalty_identity_v1_GenerateCardsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_GenerateCardsResponse__Output>): grpc.ClientUnaryCall;
  GenerateCards(argument: _loyalty_identity_v1_GenerateCardsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_GenerateCardsResponse__Output>): grpc.ClientUnaryCall;
  GenerateCards(argument: _loyalty_identity_v1_GenerateCardsRequest, callback: grpc.requestCallback<_loyalty_identity_v1_GenerateCardsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Creates up to 50,000 cards in stock in one transaction; numbers never
   * repeat.
   * Errors: CARD_SERIES_NOT_FOUND, SERIES_EXHAUSTED, INVALID_ARGUMENT (count).
   */
  generateCards(argument: _loyalty_identity_v1_GenerateCardsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_GenerateCardsResponse__Output>): grpc.ClientUnaryCall;
  generateCards(argument: _loyalty_identity_v1_GenerateCardsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_GenerateCardsResponse__Output>): grpc.ClientUnaryCall;
  generateCards(argument: _loyalty_identity_v1_GenerateCardsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_GenerateCardsResponse__Output>): grpc.ClientUnaryCall;
  generateCards(argument: _loyalty_identity_v1_GenerateCardsRequest, callback: grpc.requestCallback<_loyalty_identity_v1_GenerateCardsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Reads a card.
   * Errors: CARD_NOT_FOUND.
   */
  GetCard(argument: _loyalty_identity_v1_GetCardRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_GetCardResponse__Output>): grpc.ClientUnaryCall;
  GetCard(argument: _loyalty_identity_v1_GetCardRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_GetCardResponse__Output>): grpc.ClientUnaryCall;
  GetCard(argument: _loyalty_identity_v1_GetCardRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_GetCardResponse__Output>): grpc.ClientUnaryCall;
  GetCard(argument: _loyalty_identity_v1_GetCardRequest, callback: grpc.requestCallback<_loyalty_identity_v1_GetCardResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Reads a card.
   * Errors: CARD_NOT_FOUND.
   */
  getCard(argument: _loyalty_identity_v1_GetCardRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_GetCardResponse__Output>): grpc.ClientUnaryCall;
  getCard(argument: _loyalty_identity_v1_GetCardRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_GetCardResponse__Output>): grpc.ClientUnaryCall;
  getCard(argument: _loyalty_identity_v1_GetCardRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_GetCardResponse__Output>): grpc.ClientUnaryCall;
  getCard(argument: _loyalty_identity_v1_GetCardRequest, callback: grpc.requestCallback<_loyalty_identity_v1_GetCardResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Reads a card series.
   * Errors: CARD_SERIES_NOT_FOUND.
   */
  GetCardSeries(argument: _loyalty_identity_v1_GetCardSeriesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_GetCardSeriesResponse__Output>): grpc.ClientUnaryCall;
  GetCardSeries(argument: _loyalty_identity_v1_GetCardSeriesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_GetCardSeriesResponse__Output>): grpc.ClientUnaryCall;
  GetCardSeries(argument: _loyalty_identity_v1_GetCardSeriesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_GetCardSeriesResponse__Output>): grpc.ClientUnaryCall;
  GetCardSeries(argument: _loyalty_identity_v1_GetCardSeriesRequest, callback: grpc.requestCallback<_loyalty_identity_v1_GetCardSeriesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Reads a card series.
   * Errors: CARD_SERIES_NOT_FOUND.
   */
  getCardSeries(argument: _loyalty_identity_v1_GetCardSeriesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_GetCardSeriesResponse__Output>): grpc.ClientUnaryCall;
  getCardSeries(argument: _loyalty_identity_v1_GetCardSeriesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_GetCardSeriesResponse__Output>): grpc.ClientUnaryCall;
  getCardSeries(argument: _loyalty_identity_v1_GetCardSeriesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_GetCardSeriesResponse__Output>): grpc.ClientUnaryCall;
  getCardSeries(argument: _loyalty_identity_v1_GetCardSeriesRequest, callback: grpc.requestCallback<_loyalty_identity_v1_GetCardSeriesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Links a card to a customer: the given number, or (empty number) one from
   * the series' stock, generated when the stock is empty.
   * Errors: CUSTOMER_NOT_FOUND, CUSTOMER_MERGED, CUSTOMER_ERASED,
   * CARD_NOT_FOUND, CARD_SERIES_NOT_FOUND, CARD_SERIES_MISMATCH,
   * CARD_ALREADY_LINKED, CARD_LIMIT_EXCEEDED, STATUS_LABEL_NOT_FOUND,
   * INVALID_STATUS_TRANSITION.
   */
  IssueCard(argument: _loyalty_identity_v1_IssueCardRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_IssueCardResponse__Output>): grpc.ClientUnaryCall;
  IssueCard(argument: _loyalty_identity_v1_IssueCardRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_IssueCardResponse__Output>): grpc.ClientUnaryCall;
  IssueCard(argument: _loyalty_identity_v1_IssueCardRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_IssueCardResponse__Output>): grpc.ClientUnaryCall;
  IssueCard(argument: _loyalty_identity_v1_IssueCardRequest, callback: grpc.requestCallback<_loyalty_identity_v1_IssueCardResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Links a card to a customer: the given number, or (empty number) one from
   * the series' stock, generated when the stock is empty.
   * Errors: CUSTOMER_NOT_FOUND, CUSTOMER_MERGED, CUSTOMER_ERASED,
   * CARD_NOT_FOUND, CARD_SERIES_NOT_FOUND, CARD_SERIES_MISMATCH,
   * CARD_ALREADY_LINKED, CARD_LIMIT_EXCEEDED, STATUS_LABEL_NOT_FOUND,
   * INVALID_STATUS_TRANSITION.
   */
  issueCard(argument: _loyalty_identity_v1_IssueCardRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_IssueCardResponse__Output>): grpc.ClientUnaryCall;
  issueCard(argument: _loyalty_identity_v1_IssueCardRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_IssueCardResponse__Output>): grpc.ClientUnaryCall;
  issueCard(argument: _loyalty_identity_v1_IssueCardRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_IssueCardResponse__Output>): grpc.ClientUnaryCall;
  issueCard(argument: _loyalty_identity_v1_IssueCardRequest, callback: grpc.requestCallback<_loyalty_identity_v1_IssueCardResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lists the org's card series, oldest first.
   * Errors: INVALID_ARGUMENT (bad page token or size).
   */
  ListCardSeries(argument: _loyalty_identity_v1_ListCardSeriesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_ListCardSeriesResponse__Output>): grpc.ClientUnaryCall;
  ListCardSeries(argument: _loyalty_identity_v1_ListCardSeriesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_ListCardSeriesResponse__Output>): grpc.ClientUnaryCall;
  ListCardSeries(argument: _loyalty_identity_v1_ListCardSeriesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_ListCardSeriesResponse__Output>): grpc.ClientUnaryCall;
  ListCardSeries(argument: _loyalty_identity_v1_ListCardSeriesRequest, callback: grpc.requestCallback<_loyalty_identity_v1_ListCardSeriesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists the org's card series, oldest first.
   * Errors: INVALID_ARGUMENT (bad page token or size).
   */
  listCardSeries(argument: _loyalty_identity_v1_ListCardSeriesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_ListCardSeriesResponse__Output>): grpc.ClientUnaryCall;
  listCardSeries(argument: _loyalty_identity_v1_ListCardSeriesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_ListCardSeriesResponse__Output>): grpc.ClientUnaryCall;
  listCardSeries(argument: _loyalty_identity_v1_ListCardSeriesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_ListCardSeriesResponse__Output>): grpc.ClientUnaryCall;
  listCardSeries(argument: _loyalty_identity_v1_ListCardSeriesRequest, callback: grpc.requestCallback<_loyalty_identity_v1_ListCardSeriesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lists a card's log (every change of status or owner), oldest first.
   * Errors: CARD_NOT_FOUND, INVALID_ARGUMENT.
   */
  ListCardStatusChanges(argument: _loyalty_identity_v1_ListCardStatusChangesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_ListCardStatusChangesResponse__Output>): grpc.ClientUnaryCall;
  ListCardStatusChanges(argument: _loyalty_identity_v1_ListCardStatusChangesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_ListCardStatusChangesResponse__Output>): grpc.ClientUnaryCall;
  ListCardStatusChanges(argument: _loyalty_identity_v1_ListCardStatusChangesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_ListCardStatusChangesResponse__Output>): grpc.ClientUnaryCall;
  ListCardStatusChanges(argument: _loyalty_identity_v1_ListCardStatusChangesRequest, callback: grpc.requestCallback<_loyalty_identity_v1_ListCardStatusChangesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists a card's log (every change of status or owner), oldest first.
   * Errors: CARD_NOT_FOUND, INVALID_ARGUMENT.
   */
  listCardStatusChanges(argument: _loyalty_identity_v1_ListCardStatusChangesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_ListCardStatusChangesResponse__Output>): grpc.ClientUnaryCall;
  listCardStatusChanges(argument: _loyalty_identity_v1_ListCardStatusChangesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_ListCardStatusChangesResponse__Output>): grpc.ClientUnaryCall;
  listCardStatusChanges(argument: _loyalty_identity_v1_ListCardStatusChangesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_ListCardStatusChangesResponse__Output>): grpc.ClientUnaryCall;
  listCardStatusChanges(argument: _loyalty_identity_v1_ListCardStatusChangesRequest, callback: grpc.requestCallback<_loyalty_identity_v1_ListCardStatusChangesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lists cards by number, optionally of one customer and/or one series.
   * Errors: CUSTOMER_NOT_FOUND, CARD_SERIES_NOT_FOUND, INVALID_ARGUMENT.
   */
  ListCards(argument: _loyalty_identity_v1_ListCardsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_ListCardsResponse__Output>): grpc.ClientUnaryCall;
  ListCards(argument: _loyalty_identity_v1_ListCardsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_ListCardsResponse__Output>): grpc.ClientUnaryCall;
  ListCards(argument: _loyalty_identity_v1_ListCardsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_ListCardsResponse__Output>): grpc.ClientUnaryCall;
  ListCards(argument: _loyalty_identity_v1_ListCardsRequest, callback: grpc.requestCallback<_loyalty_identity_v1_ListCardsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists cards by number, optionally of one customer and/or one series.
   * Errors: CUSTOMER_NOT_FOUND, CARD_SERIES_NOT_FOUND, INVALID_ARGUMENT.
   */
  listCards(argument: _loyalty_identity_v1_ListCardsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_ListCardsResponse__Output>): grpc.ClientUnaryCall;
  listCards(argument: _loyalty_identity_v1_ListCardsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_ListCardsResponse__Output>): grpc.ClientUnaryCall;
  listCards(argument: _loyalty_identity_v1_ListCardsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_ListCardsResponse__Output>): grpc.ClientUnaryCall;
  listCards(argument: _loyalty_identity_v1_ListCardsRequest, callback: grpc.requestCallback<_loyalty_identity_v1_ListCardsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lists every status label: the six defaults and the org's own, by status
   * then label.
   * Errors: INVALID_ARGUMENT (bad page token or size).
   */
  ListStatusLabels(argument: _loyalty_identity_v1_ListStatusLabelsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_ListStatusLabelsResponse__Output>): grpc.ClientUnaryCall;
  ListStatusLabels(argument: _loyalty_identity_v1_ListStatusLabelsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_ListStatusLabelsResponse__Output>): grpc.ClientUnaryCall;
  ListStatusLabels(argument: _loyalty_identity_v1_ListStatusLabelsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_ListStatusLabelsResponse__Output>): grpc.ClientUnaryCall;
  ListStatusLabels(argument: _loyalty_identity_v1_ListStatusLabelsRequest, callback: grpc.requestCallback<_loyalty_identity_v1_ListStatusLabelsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists every status label: the six defaults and the org's own, by status
   * then label.
   * Errors: INVALID_ARGUMENT (bad page token or size).
   */
  listStatusLabels(argument: _loyalty_identity_v1_ListStatusLabelsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_ListStatusLabelsResponse__Output>): grpc.ClientUnaryCall;
  listStatusLabels(argument: _loyalty_identity_v1_ListStatusLabelsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_ListStatusLabelsResponse__Output>): grpc.ClientUnaryCall;
  listStatusLabels(argument: _loyalty_identity_v1_ListStatusLabelsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_ListStatusLabelsResponse__Output>): grpc.ClientUnaryCall;
  listStatusLabels(argument: _loyalty_identity_v1_ListStatusLabelsRequest, callback: grpc.requestCallback<_loyalty_identity_v1_ListStatusLabelsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Takes a card back to stock (NOT_ISSUED, no customer).
   * Errors: CARD_NOT_FOUND, CARD_NOT_LINKED, LAST_IDENTIFIER,
   * INVALID_STATUS_TRANSITION (a DELETED card, or a label not of NOT_ISSUED).
   */
  UnlinkCard(argument: _loyalty_identity_v1_UnlinkCardRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_UnlinkCardResponse__Output>): grpc.ClientUnaryCall;
  UnlinkCard(argument: _loyalty_identity_v1_UnlinkCardRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_UnlinkCardResponse__Output>): grpc.ClientUnaryCall;
  UnlinkCard(argument: _loyalty_identity_v1_UnlinkCardRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_UnlinkCardResponse__Output>): grpc.ClientUnaryCall;
  UnlinkCard(argument: _loyalty_identity_v1_UnlinkCardRequest, callback: grpc.requestCallback<_loyalty_identity_v1_UnlinkCardResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Takes a card back to stock (NOT_ISSUED, no customer).
   * Errors: CARD_NOT_FOUND, CARD_NOT_LINKED, LAST_IDENTIFIER,
   * INVALID_STATUS_TRANSITION (a DELETED card, or a label not of NOT_ISSUED).
   */
  unlinkCard(argument: _loyalty_identity_v1_UnlinkCardRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_UnlinkCardResponse__Output>): grpc.ClientUnaryCall;
  unlinkCard(argument: _loyalty_identity_v1_UnlinkCardRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_UnlinkCardResponse__Output>): grpc.ClientUnaryCall;
  unlinkCard(argument: _loyalty_identity_v1_UnlinkCardRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_UnlinkCardResponse__Output>): grpc.ClientUnaryCall;
  unlinkCard(argument: _loyalty_identity_v1_UnlinkCardRequest, callback: grpc.requestCallback<_loyalty_identity_v1_UnlinkCardResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Changes a linked card's status. A card in stock changes only by being
   * issued; one goes back to stock only by UnlinkCard; an EXPIRED card
   * cannot be deleted; DELETED is final.
   * Errors: CARD_NOT_FOUND, STATUS_LABEL_NOT_FOUND, INVALID_STATUS_TRANSITION.
   */
  UpdateCardStatus(argument: _loyalty_identity_v1_UpdateCardStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_UpdateCardStatusResponse__Output>): grpc.ClientUnaryCall;
  UpdateCardStatus(argument: _loyalty_identity_v1_UpdateCardStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_UpdateCardStatusResponse__Output>): grpc.ClientUnaryCall;
  UpdateCardStatus(argument: _loyalty_identity_v1_UpdateCardStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_UpdateCardStatusResponse__Output>): grpc.ClientUnaryCall;
  UpdateCardStatus(argument: _loyalty_identity_v1_UpdateCardStatusRequest, callback: grpc.requestCallback<_loyalty_identity_v1_UpdateCardStatusResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Changes a linked card's status. A card in stock changes only by being
   * issued; one goes back to stock only by UnlinkCard; an EXPIRED card
   * cannot be deleted; DELETED is final.
   * Errors: CARD_NOT_FOUND, STATUS_LABEL_NOT_FOUND, INVALID_STATUS_TRANSITION.
   */
  updateCardStatus(argument: _loyalty_identity_v1_UpdateCardStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_UpdateCardStatusResponse__Output>): grpc.ClientUnaryCall;
  updateCardStatus(argument: _loyalty_identity_v1_UpdateCardStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_UpdateCardStatusResponse__Output>): grpc.ClientUnaryCall;
  updateCardStatus(argument: _loyalty_identity_v1_UpdateCardStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_UpdateCardStatusResponse__Output>): grpc.ClientUnaryCall;
  updateCardStatus(argument: _loyalty_identity_v1_UpdateCardStatusRequest, callback: grpc.requestCallback<_loyalty_identity_v1_UpdateCardStatusResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Issues loyalty cards from card series.
 * 
 * Errors carry a google.rpc.Status with one google.rpc.ErrorInfo (domain
 * "loyalty.identity.v1"), plus google.rpc.BadRequest for INVALID_ARGUMENT and
 * google.rpc.ResourceInfo for NOT_FOUND. Mutating calls accept `request_id`
 * (idempotent retries) and `validate_only` (dry run).
 */
export interface CardServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Creates one card in stock (NOT_ISSUED) with a given number.
   * Errors: CARD_SERIES_NOT_FOUND, CARD_NUMBER_FORMAT, CARD_NUMBER_TAKEN,
   * STATUS_LABEL_NOT_FOUND, INVALID_STATUS_TRANSITION (label not of
   * NOT_ISSUED).
   */
  CreateCard: grpc.handleUnaryCall<_loyalty_identity_v1_CreateCardRequest__Output, _loyalty_identity_v1_CreateCardResponse>;
  
  /**
   * Creates a card series.
   * Errors: CARD_SERIES_CODE_TAKEN, INVALID_ARGUMENT (bad code, name, type,
   * format, negative limits), REQUEST_ID_REUSED.
   */
  CreateCardSeries: grpc.handleUnaryCall<_loyalty_identity_v1_CreateCardSeriesRequest__Output, _loyalty_identity_v1_CreateCardSeriesResponse>;
  
  /**
   * Creates an org-defined label for a card status.
   * Errors: STATUS_LABEL_TAKEN (also for the six default labels),
   * INVALID_ARGUMENT.
   */
  CreateStatusLabel: grpc.handleUnaryCall<_loyalty_identity_v1_CreateStatusLabelRequest__Output, _loyalty_identity_v1_CreateStatusLabelResponse>;
  
  /**
   * Creates up to 50,000 cards in stock in one transaction; numbers never
   * repeat.
   * Errors: CARD_SERIES_NOT_FOUND, SERIES_EXHAUSTED, INVALID_ARGUMENT (count).
   */
  GenerateCards: grpc.handleUnaryCall<_loyalty_identity_v1_GenerateCardsRequest__Output, _loyalty_identity_v1_GenerateCardsResponse>;
  
  /**
   * Reads a card.
   * Errors: CARD_NOT_FOUND.
   */
  GetCard: grpc.handleUnaryCall<_loyalty_identity_v1_GetCardRequest__Output, _loyalty_identity_v1_GetCardResponse>;
  
  /**
   * Reads a card series.
   * Errors: CARD_SERIES_NOT_FOUND.
   */
  GetCardSeries: grpc.handleUnaryCall<_loyalty_identity_v1_GetCardSeriesRequest__Output, _loyalty_identity_v1_GetCardSeriesResponse>;
  
  /**
   * Links a card to a customer: the given number, or (empty number) one from
   * the series' stock, generated when the stock is empty.
   * Errors: CUSTOMER_NOT_FOUND, CUSTOMER_MERGED, CUSTOMER_ERASED,
   * CARD_NOT_FOUND, CARD_SERIES_NOT_FOUND, CARD_SERIES_MISMATCH,
   * CARD_ALREADY_LINKED, CARD_LIMIT_EXCEEDED, STATUS_LABEL_NOT_FOUND,
   * INVALID_STATUS_TRANSITION.
   */
  IssueCard: grpc.handleUnaryCall<_loyalty_identity_v1_IssueCardRequest__Output, _loyalty_identity_v1_IssueCardResponse>;
  
  /**
   * Lists the org's card series, oldest first.
   * Errors: INVALID_ARGUMENT (bad page token or size).
   */
  ListCardSeries: grpc.handleUnaryCall<_loyalty_identity_v1_ListCardSeriesRequest__Output, _loyalty_identity_v1_ListCardSeriesResponse>;
  
  /**
   * Lists a card's log (every change of status or owner), oldest first.
   * Errors: CARD_NOT_FOUND, INVALID_ARGUMENT.
   */
  ListCardStatusChanges: grpc.handleUnaryCall<_loyalty_identity_v1_ListCardStatusChangesRequest__Output, _loyalty_identity_v1_ListCardStatusChangesResponse>;
  
  /**
   * Lists cards by number, optionally of one customer and/or one series.
   * Errors: CUSTOMER_NOT_FOUND, CARD_SERIES_NOT_FOUND, INVALID_ARGUMENT.
   */
  ListCards: grpc.handleUnaryCall<_loyalty_identity_v1_ListCardsRequest__Output, _loyalty_identity_v1_ListCardsResponse>;
  
  /**
   * Lists every status label: the six defaults and the org's own, by status
   * then label.
   * Errors: INVALID_ARGUMENT (bad page token or size).
   */
  ListStatusLabels: grpc.handleUnaryCall<_loyalty_identity_v1_ListStatusLabelsRequest__Output, _loyalty_identity_v1_ListStatusLabelsResponse>;
  
  /**
   * Takes a card back to stock (NOT_ISSUED, no customer).
   * Errors: CARD_NOT_FOUND, CARD_NOT_LINKED, LAST_IDENTIFIER,
   * INVALID_STATUS_TRANSITION (a DELETED card, or a label not of NOT_ISSUED).
   */
  UnlinkCard: grpc.handleUnaryCall<_loyalty_identity_v1_UnlinkCardRequest__Output, _loyalty_identity_v1_UnlinkCardResponse>;
  
  /**
   * Changes a linked card's status. A card in stock changes only by being
   * issued; one goes back to stock only by UnlinkCard; an EXPIRED card
   * cannot be deleted; DELETED is final.
   * Errors: CARD_NOT_FOUND, STATUS_LABEL_NOT_FOUND, INVALID_STATUS_TRANSITION.
   */
  UpdateCardStatus: grpc.handleUnaryCall<_loyalty_identity_v1_UpdateCardStatusRequest__Output, _loyalty_identity_v1_UpdateCardStatusResponse>;
  
}

export interface CardServiceDefinition extends grpc.ServiceDefinition {
  CreateCard: MethodDefinition<_loyalty_identity_v1_CreateCardRequest, _loyalty_identity_v1_CreateCardResponse, _loyalty_identity_v1_CreateCardRequest__Output, _loyalty_identity_v1_CreateCardResponse__Output>
  CreateCardSeries: MethodDefinition<_loyalty_identity_v1_CreateCardSeriesRequest, _loyalty_identity_v1_CreateCardSeriesResponse, _loyalty_identity_v1_CreateCardSeriesRequest__Output, _loyalty_identity_v1_CreateCardSeriesResponse__Output>
  CreateStatusLabel: MethodDefinition<_loyalty_identity_v1_CreateStatusLabelRequest, _loyalty_identity_v1_CreateStatusLabelResponse, _loyalty_identity_v1_CreateStatusLabelRequest__Output, _loyalty_identity_v1_CreateStatusLabelResponse__Output>
  GenerateCards: MethodDefinition<_loyalty_identity_v1_GenerateCardsRequest, _loyalty_identity_v1_GenerateCardsResponse, _loyalty_identity_v1_GenerateCardsRequest__Output, _loyalty_identity_v1_GenerateCardsResponse__Output>
  GetCard: MethodDefinition<_loyalty_identity_v1_GetCardRequest, _loyalty_identity_v1_GetCardResponse, _loyalty_identity_v1_GetCardRequest__Output, _loyalty_identity_v1_GetCardResponse__Output>
  GetCardSeries: MethodDefinition<_loyalty_identity_v1_GetCardSeriesRequest, _loyalty_identity_v1_GetCardSeriesResponse, _loyalty_identity_v1_GetCardSeriesRequest__Output, _loyalty_identity_v1_GetCardSeriesResponse__Output>
  IssueCard: MethodDefinition<_loyalty_identity_v1_IssueCardRequest, _loyalty_identity_v1_IssueCardResponse, _loyalty_identity_v1_IssueCardRequest__Output, _loyalty_identity_v1_IssueCardResponse__Output>
  ListCardSeries: MethodDefinition<_loyalty_identity_v1_ListCardSeriesRequest, _loyalty_identity_v1_ListCardSeriesResponse, _loyalty_identity_v1_ListCardSeriesRequest__Output, _loyalty_identity_v1_ListCardSeriesResponse__Output>
  ListCardStatusChanges: MethodDefinition<_loyalty_identity_v1_ListCardStatusChangesRequest, _loyalty_identity_v1_ListCardStatusChangesResponse, _loyalty_identity_v1_ListCardStatusChangesRequest__Output, _loyalty_identity_v1_ListCardStatusChangesResponse__Output>
  ListCards: MethodDefinition<_loyalty_identity_v1_ListCardsRequest, _loyalty_identity_v1_ListCardsResponse, _loyalty_identity_v1_ListCardsRequest__Output, _loyalty_identity_v1_ListCardsResponse__Output>
  ListStatusLabels: MethodDefinition<_loyalty_identity_v1_ListStatusLabelsRequest, _loyalty_identity_v1_ListStatusLabelsResponse, _loyalty_identity_v1_ListStatusLabelsRequest__Output, _loyalty_identity_v1_ListStatusLabelsResponse__Output>
  UnlinkCard: MethodDefinition<_loyalty_identity_v1_UnlinkCardRequest, _loyalty_identity_v1_UnlinkCardResponse, _loyalty_identity_v1_UnlinkCardRequest__Output, _loyalty_identity_v1_UnlinkCardResponse__Output>
  UpdateCardStatus: MethodDefinition<_loyalty_identity_v1_UpdateCardStatusRequest, _loyalty_identity_v1_UpdateCardStatusResponse, _loyalty_identity_v1_UpdateCardStatusRequest__Output, _loyalty_identity_v1_UpdateCardStatusResponse__Output>
}
