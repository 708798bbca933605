// Original file: ../../protos/loyalty/identity/v1/identifier_service.proto


/**
 * Request of ListMerges.
 */
export interface ListMergesRequest {
  /**
   * Only merges in which this customer was the victim or the survivor
   * (`customers/{id}`); empty lists every merge of the org.
   */
  'customer'?: (string);
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
 * Request of ListMerges.
 */
export interface ListMergesRequest__Output {
  /**
   * Only merges in which this customer was the victim or the survivor
   * (`customers/{id}`); empty lists every merge of the org.
   */
  'customer': (string);
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
