// Original file: ../../protos/loyalty/identity/v1/card_service.proto


/**
 * Request of ListCards.
 */
export interface ListCardsRequest {
  /**
   * Only the cards of this customer (`customers/{id}`; a merged customer's
   * name lists its survivor's cards). Empty: any.
   */
  'customer'?: (string);
  /**
   * Only the cards of this series. Empty: any.
   */
  'seriesId'?: (string);
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
 * Request of ListCards.
 */
export interface ListCardsRequest__Output {
  /**
   * Only the cards of this customer (`customers/{id}`; a merged customer's
   * name lists its survivor's cards). Empty: any.
   */
  'customer': (string);
  /**
   * Only the cards of this series. Empty: any.
   */
  'seriesId': (string);
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
