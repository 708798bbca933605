// Original file: ../../protos/loyalty/identity/v1/card_service.proto


/**
 * Request of ListStatusLabels.
 */
export interface ListStatusLabelsRequest {
}

/**
 * Request of ListStatusLabels.
 */
export interface ListStatusLabelsRequest__Output {
}
