// Asks the official twilio helper whether a signature is valid for a URL and form parameters.
// argv: <auth token> <signature> <url>; form parameters as a JSON object on stdin. Prints true or false.
'use strict';
const twilio = require('twilio');

const [authToken, signature, url] = process.argv.slice(2);
let input = '';
process.stdin.on('data', chunk => { input += chunk; });
process.stdin.on('end', () => {
  const params = JSON.parse(input);
  process.stdout.write(String(twilio.validateRequest(authToken, signature, url, params)));
});
