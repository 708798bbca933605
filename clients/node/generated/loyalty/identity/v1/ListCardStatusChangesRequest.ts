// Original file: ../../protos/loyalty/identity/v1/card_service.proto


/**
 * Request of ListCardStatusChanges.
 */
export interface ListCardStatusChangesRequest {
  /**
   * The card number.
   */
  'number'?: (string);
  /**
   * Page size: 0 takes 50; above 1000 reads as 1000; negative is
   * INVALID_ARGUMENT.
   */
  'pageSize'?: (number);
  /**
   * The next_page_token of the previous page; empty for the first page.
   */
  'pageToken'?: (string);
}

/**
 * Request of ListCardStatusChanges.
 */
export interface ListCardStatusChangesRequest__Output {
  /**
   * The card number.
   */
  'number': (string);
  /**
   * Page size: 0 takes 50; above 1000 reads as 1000; negative is
   * INVALID_ARGUMENT.
   */
  'pageSize': (number);
  /**
   * The next_page_token of the previous page; empty for the first page.
   */
  'pageToken': (string);
}
