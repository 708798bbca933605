// Original file: ../../protos/loyalty/identity/v1/card_service.proto


/**
 * Request of GetCardSeries.
 */
export interface GetCardSeriesRequest {
  /**
   * The series id.
   */
  'id'?: (string);
}

/**
 * Request of GetCardSeries.
 */
export interface GetCardSeriesRequest__Output {
  /**
   * The series id.
   */
  'id': (string);
}
