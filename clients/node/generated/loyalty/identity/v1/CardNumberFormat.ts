// Original file: ../../protos/loyalty/identity/v1/resources.proto

import type { CardNumberMethod as _loyalty_identity_v1_CardNumberMethod, CardNumberMethod__Output as _loyalty_identity_v1_CardNumberMethod__Output } from '../../../loyalty/identity/v1/CardNumberMethod';

/**
 * How the numbers of a card series look. Set when the series is created,
 * never changed.
 */
export interface CardNumberFormat {
  /**
   * Fixed leading characters (alphanumeric); empty for none.
   */
  'prefix'?: (string);
  /**
   * Fixed trailing characters (alphanumeric); empty for none.
   */
  'suffix'?: (string);
  /**
   * Total length of a number, prefix and suffix included: 5 to 150.
   */
  'length'?: (number);
  /**
   * SEQUENTIAL or RANDOM.
   */
  'method'?: (_loyalty_identity_v1_CardNumberMethod);
  /**
   * Whether the last digit before the suffix is a Luhn check digit.
   */
  'luhnCheckDigit'?: (boolean);
}

/**
 * How the numbers of a card series look. Set when the series is created,
 * never changed.
 */
export interface CardNumberFormat__Output {
  /**
   * Fixed leading characters (alphanumeric); empty for none.
   */
  'prefix': (string);
  /**
   * Fixed trailing characters (alphanumeric); empty for none.
   */
  'suffix': (string);
  /**
   * Total length of a number, prefix and suffix included: 5 to 150.
   */
  'length': (number);
  /**
   * SEQUENTIAL or RANDOM.
   */
  'method': (_loyalty_identity_v1_CardNumberMethod__Output);
  /**
   * Whether the last digit before the suffix is a Luhn check digit.
   */
  'luhnCheckDigit': (boolean);
}
