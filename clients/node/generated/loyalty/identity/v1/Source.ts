// Original file: ../../protos/loyalty/identity/v1/resources.proto

/**
 * A channel through which an org knows its customers.
 * 
 * WECHAT, FACEBOOK, LINE, MOBILE_APP and WEB_ENGAGE are multi-account sources:
 * every request in them names the account (for example the WeChat official
 * account id) in `account_id`. All other sources are single-account and take
 * an empty `account_id`.
 */
export const Source = {
  /**
   * Not a source: rejected with INVALID_ARGUMENT wherever a source is
   * required (LookupCustomer of a CARD_NUMBER ignores the source). Never
   * returned: a field that may have no source is `optional` and then unset.
   */
  SOURCE_UNSPECIFIED: 'SOURCE_UNSPECIFIED',
  /**
   * The store till (single-account).
   */
  SOURCE_INSTORE: 'SOURCE_INSTORE',
  /**
   * A WeChat official account (multi-account: account_id is the account id).
   */
  SOURCE_WECHAT: 'SOURCE_WECHAT',
  /**
   * A Facebook page (multi-account).
   */
  SOURCE_FACEBOOK: 'SOURCE_FACEBOOK',
  /**
   * WebEngage (multi-account).
   */
  SOURCE_WEB_ENGAGE: 'SOURCE_WEB_ENGAGE',
  /**
   * MartJack e-commerce (single-account).
   */
  SOURCE_MARTJACK: 'SOURCE_MARTJACK',
  /**
   * Tmall (single-account).
   */
  SOURCE_TMALL: 'SOURCE_TMALL',
  /**
   * Taobao (single-account).
   */
  SOURCE_TAOBAO: 'SOURCE_TAOBAO',
  /**
   * JD.com (single-account).
   */
  SOURCE_JD: 'SOURCE_JD',
  /**
   * Any other e-commerce channel (single-account).
   */
  SOURCE_ECOMMERCE: 'SOURCE_ECOMMERCE',
  /**
   * The brand's web site (single-account).
   */
  SOURCE_WEBSITE: 'SOURCE_WEBSITE',
  /**
   * A LINE official account (multi-account).
   */
  SOURCE_LINE: 'SOURCE_LINE',
  /**
   * A mobile app (multi-account: account_id names the app).
   */
  SOURCE_MOBILE_APP: 'SOURCE_MOBILE_APP',
} as const;

/**
 * A channel through which an org knows its customers.
 * 
 * WECHAT, FACEBOOK, LINE, MOBILE_APP and WEB_ENGAGE are multi-account sources:
 * every request in them names the account (for example the WeChat official
 * account id) in `account_id`. All other sources are single-account and take
 * an empty `account_id`.
 */
export type Source =
  /**
   * Not a source: rejected with INVALID_ARGUMENT wherever a source is
   * required (LookupCustomer of a CARD_NUMBER ignores the source). Never
   * returned: a field that may have no source is `optional` and then unset.
   */
  | 'SOURCE_UNSPECIFIED'
  | 0
  /**
   * The store till (single-account).
   */
  | 'SOURCE_INSTORE'
  | 1
  /**
   * A WeChat official account (multi-account: account_id is the account id).
   */
  | 'SOURCE_WECHAT'
  | 2
  /**
   * A Facebook page (multi-account).
   */
  | 'SOURCE_FACEBOOK'
  | 3
  /**
   * WebEngage (multi-account).
   */
  | 'SOURCE_WEB_ENGAGE'
  | 4
  /**
   * MartJack e-commerce (single-account).
   */
  | 'SOURCE_MARTJACK'
  | 5
  /**
   * Tmall (single-account).
   */
  | 'SOURCE_TMALL'
  | 6
  /**
   * Taobao (single-account).
   */
  | 'SOURCE_TAOBAO'
  | 7
  /**
   * JD.com (single-account).
   */
  | 'SOURCE_JD'
  | 8
  /**
   * Any other e-commerce channel (single-account).
   */
  | 'SOURCE_ECOMMERCE'
  | 9
  /**
   * The brand's web site (single-account).
   */
  | 'SOURCE_WEBSITE'
  | 10
  /**
   * A LINE official account (multi-account).
   */
  | 'SOURCE_LINE'
  | 11
  /**
   * A mobile app (multi-account: account_id names the app).
   */
  | 'SOURCE_MOBILE_APP'
  | 12

/**
 * A channel through which an org knows its customers.
 * 
 * WECHAT, FACEBOOK, LINE, MOBILE_APP and WEB_ENGAGE are multi-account sources:
 * every request in them names the account (for example the WeChat official
 * account id) in `account_id`. All other sources are single-account and take
 * an empty `account_id`.
 */
export type Source__Output = typeof Source[keyof typeof Source]
