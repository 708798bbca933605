// Original file: ../../protos/loyalty/identity/v1/resources.proto

/**
 * The kind of an identifier. Values are normalized per type before they are
 * compared or stored (see Identifier.value).
 */
export const IdentifierType = {
  /**
   * Not a valid type; rejected with INVALID_ARGUMENT. Never returned.
   */
  IDENTIFIER_TYPE_UNSPECIFIED: 'IDENTIFIER_TYPE_UNSPECIFIED',
  /**
   * A phone number: spaces, '-', '.', '(' , ')' and one leading '+' are
   * removed; 8 to 15 digits must remain.
   */
  IDENTIFIER_TYPE_MOBILE: 'IDENTIFIER_TYPE_MOBILE',
  /**
   * An email address: trimmed and lower-cased; at most 254 characters.
   */
  IDENTIFIER_TYPE_EMAIL: 'IDENTIFIER_TYPE_EMAIL',
  /**
   * The caller's own id for the customer.
   */
  IDENTIFIER_TYPE_EXTERNAL_ID: 'IDENTIFIER_TYPE_EXTERNAL_ID',
  /**
   * A WeChat openid.
   */
  IDENTIFIER_TYPE_WECHAT: 'IDENTIFIER_TYPE_WECHAT',
  /**
   * A MartJack customer id.
   */
  IDENTIFIER_TYPE_MARTJACK_ID: 'IDENTIFIER_TYPE_MARTJACK_ID',
  /**
   * A Facebook id.
   */
  IDENTIFIER_TYPE_FB_ID: 'IDENTIFIER_TYPE_FB_ID',
  /**
   * A Tmall user name.
   */
  IDENTIFIER_TYPE_TMALL_UNAME: 'IDENTIFIER_TYPE_TMALL_UNAME',
  /**
   * A CUID.
   */
  IDENTIFIER_TYPE_CUID: 'IDENTIFIER_TYPE_CUID',
  /**
   * An Alibaba user name.
   */
  IDENTIFIER_TYPE_ALI_UNAME: 'IDENTIFIER_TYPE_ALI_UNAME',
  /**
   * A JD user name.
   */
  IDENTIFIER_TYPE_JD_UNAME: 'IDENTIFIER_TYPE_JD_UNAME',
  /**
   * A VIP user name.
   */
  IDENTIFIER_TYPE_VIP_UNAME: 'IDENTIFIER_TYPE_VIP_UNAME',
  /**
   * A LINE user id.
   */
  IDENTIFIER_TYPE_LINE: 'IDENTIFIER_TYPE_LINE',
  /**
   * A loyalty card number. Cards belong to the customer, not to a profile:
   * adding one issues the card, removing one unlinks it.
   */
  IDENTIFIER_TYPE_CARD_NUMBER: 'IDENTIFIER_TYPE_CARD_NUMBER',
} as const;

/**
 * The kind of an identifier. Values are normalized per type before they are
 * compared or stored (see Identifier.value).
 */
export type IdentifierType =
  /**
   * Not a valid type; rejected with INVALID_ARGUMENT. Never returned.
   */
  | 'IDENTIFIER_TYPE_UNSPECIFIED'
  | 0
  /**
   * A phone number: spaces, '-', '.', '(' , ')' and one leading '+' are
   * removed; 8 to 15 digits must remain.
   */
  | 'IDENTIFIER_TYPE_MOBILE'
  | 1
  /**
   * An email address: trimmed and lower-cased; at most 254 characters.
   */
  | 'IDENTIFIER_TYPE_EMAIL'
  | 2
  /**
   * The caller's own id for the customer.
   */
  | 'IDENTIFIER_TYPE_EXTERNAL_ID'
  | 3
  /**
   * A WeChat openid.
   */
  | 'IDENTIFIER_TYPE_WECHAT'
  | 4
  /**
   * A MartJack customer id.
   */
  | 'IDENTIFIER_TYPE_MARTJACK_ID'
  | 5
  /**
   * A Facebook id.
   */
  | 'IDENTIFIER_TYPE_FB_ID'
  | 6
  /**
   * A Tmall user name.
   */
  | 'IDENTIFIER_TYPE_TMALL_UNAME'
  | 7
  /**
   * A CUID.
   */
  | 'IDENTIFIER_TYPE_CUID'
  | 8
  /**
   * An Alibaba user name.
   */
  | 'IDENTIFIER_TYPE_ALI_UNAME'
  | 9
  /**
   * A JD user name.
   */
  | 'IDENTIFIER_TYPE_JD_UNAME'
  | 10
  /**
   * A VIP user name.
   */
  | 'IDENTIFIER_TYPE_VIP_UNAME'
  | 11
  /**
   * A LINE user id.
   */
  | 'IDENTIFIER_TYPE_LINE'
  | 12
  /**
   * A loyalty card number. Cards belong to the customer, not to a profile:
   * adding one issues the card, removing one unlinks it.
   */
  | 'IDENTIFIER_TYPE_CARD_NUMBER'
  | 13

/**
 * The kind of an identifier. Values are normalized per type before they are
 * compared or stored (see Identifier.value).
 */
export type IdentifierType__Output = typeof IdentifierType[keyof typeof IdentifierType]
