// Preloaded into aws-ses-v2-local (node -r ./error-types.cjs …): the emulator names an error only in the JSON
// body's "type", which the AWS SDK ignores, so every error would surface as a bare SesV2Exception. Copying it
// into the x-amzn-ErrorType header makes the SDK throw the modeled exception (BadRequestException, …), as
// with real SES.
const express = require('express');

const send = express.response.send;
express.response.send = function (body) {
  if (this.statusCode >= 400 && !this.get('x-amzn-ErrorType')) {
    let type;
    try {
      const parsed = typeof body === 'string' ? JSON.parse(body) : body;
      type = parsed && (parsed.type || parsed.__type);
    } catch (e) {
      type = undefined;
    }
    if (!type && this.statusCode === 400) {
      type = 'BadRequestException';
    }
    if (type) {
      this.set('x-amzn-ErrorType', String(type));
    }
  }
  return send.call(this, body);
};
