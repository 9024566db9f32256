/** The test run's data encryption key (src/privacy/fieldEncryption.ts): set by setup.ts and for the template database. */

/** 32 fixed bytes: every test process and the template database share the key. */
export const TEST_DATA_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64')
