// Original file: ../../protos/loyalty/identity/v1/identifier_service.proto


/**
 * Request of GetCustomer.
 */
export interface GetCustomerRequest {
  /**
   * The customer's resource name, `customers/{id}`.
   */
  'name'?: (string);
}

/**
 * Request of GetCustomer.
 */
export interface GetCustomerRequest__Output {
  /**
   * The customer's resource name, `customers/{id}`.
   */
  'name': (string);
}
