// Original file: ../../protos/loyalty/identity/v1/card_service.proto


/**
 * Request of ListStatusLabels.
 */
export interface ListStatusLabelsRequest {
  /**
   * Page size: 0 takes 1000, the maximum, so that a client that does not
   * page (ListStatusLabels had no paging at first) still reads every label
   * of an org with up to 1000 of them; above 1000 reads as 1000; negative
   * is INVALID_ARGUMENT.
   */
  'pageSize'?: (number);
  /**
   * The next_page_token of the previous page; empty for the first page.
   */
  'pageToken'?: (string);
}

/**
 * Request of ListStatusLabels.
 */
export interface ListStatusLabelsRequest__Output {
  /**
   * Page size: 0 takes 1000, the maximum, so that a client that does not
   * page (ListStatusLabels had no paging at first) still reads every label
   * of an org with up to 1000 of them; above 1000 reads as 1000; negative
   * is INVALID_ARGUMENT.
   */
  'pageSize': (number);
  /**
   * The next_page_token of the previous page; empty for the first page.
   */
  'pageToken': (string);
}
