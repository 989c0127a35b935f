// Decrypts an RFC 8291 aes128gcm body with the independent http_ece implementation.
// argv: <ua private key b64url> <ua public key b64url> <auth secret b64url>; body (base64url) on stdin.
'use strict';
const crypto = require('crypto');
const ece = require('http_ece');

const [privateKey, publicKey, authSecret] = process.argv.slice(2);
let input = '';
process.stdin.on('data', chunk => { input += chunk; });
process.stdin.on('end', () => {
  const receiver = crypto.createECDH('prime256v1');
  receiver.setPrivateKey(Buffer.from(privateKey, 'base64url'));
  if (receiver.getPublicKey().toString('base64url') !== publicKey) {
    throw new Error('private and public key do not match');
  }
  const plaintext = ece.decrypt(Buffer.from(input.trim(), 'base64url'), {
    version: 'aes128gcm',
    privateKey: receiver,
    authSecret: Buffer.from(authSecret, 'base64url'),
  });
  process.stdout.write(plaintext.toString('utf8'));
});
