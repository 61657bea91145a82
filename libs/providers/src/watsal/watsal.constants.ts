/** Identity of the provider, shared by the client, its error mapping and the registry entry. */
export const WATSAL_PROVIDER_ID = 'watsal';
export const WATSAL_PROVIDER_NAME = 'Watsal';
export const WATSAL_DEFAULT_BASE_URL = 'https://api.watsal.com';

/** The doc allows OTP codes of 4 to 8 digits (default 6); checked before any request is sent. */
export const WATSAL_CODE_LENGTH = { min: 4, max: 8 } as const;
