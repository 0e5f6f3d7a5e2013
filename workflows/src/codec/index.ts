export * from './aes-gcm-codec.js';
