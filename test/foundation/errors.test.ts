import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  GatewayError,
  SoapFaultError,
  VendorResponseError,
  codeForSoapFault,
  createFormatError,
  formatError,
  toGatewayError,
} from '../../src/errors.js';
import { Redactor } from '../../src/redact.js';
import { parseEnvelope, buildEnvelope, soapText } from '../../src/http/soap.js';

describe('toGatewayError', () => {
  it.each([
    [400, 'VENDOR_REJECTED'],
    [401, 'VENDOR_UNAUTHORIZED'],
    [402, 'VENDOR_REJECTED'],
    [403, 'VENDOR_FORBIDDEN'],
    [404, 'VENDOR_NOT_FOUND'],
    [408, 'VENDOR_TIMEOUT'],
    [409, 'VENDOR_CONFLICT'],
    [429, 'VENDOR_RATE_LIMITED'],
    [500, 'VENDOR_UNAVAILABLE'],
    [503, 'VENDOR_UNAVAILABLE'],
  ])('maps HTTP %i to %s', (status, code) => {
    const error = toGatewayError(new VendorResponseError(status, 'nope'), 'flowize');
    expect(error.code).toBe(code);
    expect(error.extensions).toMatchObject({ vendor: 'flowize', vendorStatus: status });
  });

  it('keeps the vendor message for rejections only', () => {
    expect(toGatewayError(new VendorResponseError(402, 'Flow does not exist'), 'flowize').message).toContain(
      'Flow does not exist',
    );
    expect(toGatewayError(new VendorResponseError(500, 'stack at /srv/app.php:12'), 'flowize').message).not.toContain(
      '/srv/app.php',
    );
  });

  it('maps got timeouts and connection failures', () => {
    expect(toGatewayError(Object.assign(new Error('t'), { name: 'TimeoutError', code: 'ETIMEDOUT' }), 'x').code).toBe(
      'VENDOR_TIMEOUT',
    );
    expect(toGatewayError(Object.assign(new Error('r'), { name: 'RequestError', code: 'ECONNRESET' }), 'x').code).toBe(
      'VENDOR_UNAVAILABLE',
    );
    expect(toGatewayError(new TypeError('oops'), 'x').code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('maps SOAP fault codes of both versions', () => {
    expect(codeForSoapFault('soapenv:Client')).toBe('VENDOR_REJECTED');
    expect(codeForSoapFault('env:Sender')).toBe('VENDOR_REJECTED');
    expect(codeForSoapFault('soap:Server')).toBe('VENDOR_UNAVAILABLE');
    expect(codeForSoapFault('env:Receiver')).toBe('VENDOR_UNAVAILABLE');
    expect(codeForSoapFault('soapenv:Client.Authentication')).toBe('VENDOR_UNAUTHORIZED');
    const error = toGatewayError(new SoapFaultError('soapenv:Client', 'Customer is required'), 'flowize');
    expect(error.code).toBe('VENDOR_REJECTED');
    expect(error.extensions.vendorStatus).toBe('soapenv:Client');
    expect(error.message).toContain('Customer is required');
  });
});

describe('parseEnvelope', () => {
  it('reads SOAP 1.1 and 1.2 faults', () => {
    const v11 =
      '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>Down</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>';
    expect(parseEnvelope(v11)).toMatchObject({ version: '1.1', fault: { code: 'soapenv:Server', message: 'Down' } });
    const v12 =
      '<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><env:Fault><env:Code><env:Value>env:Sender</env:Value></env:Code><env:Reason><env:Text xml:lang="en">Bad input</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>';
    expect(parseEnvelope(v12)).toMatchObject({ version: '1.2', fault: { code: 'env:Sender', message: 'Bad input' } });
  });

  it('round-trips a built envelope and escapes values', () => {
    const xml = buildEnvelope({
      version: '1.1',
      header: { 'tns:Auth': { Token: 't' } },
      body: { 'm:op': { Name: 'A & <B>' } },
      namespaces: { tns: 'urn:t', m: 'urn:m' },
    });
    expect(xml).toContain('A &amp; &lt;B&gt;');
    expect(parseEnvelope(xml).body).toEqual({ op: { Name: 'A & <B>' } });
  });

  it("reads a fault's actor and detail items, and typed elements as text", () => {
    const xml =
      '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>201</faultcode><faultstring>Saved</faultstring>' +
      '<faultactor>6d4e</faultactor><detail><item><key>code</key><value>201</value></item><item><key>message</key><value>Saved</value></item></detail></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>';
    expect(parseEnvelope(xml).fault).toEqual({
      code: '201',
      message: 'Saved',
      actor: '6d4e',
      detail: { code: '201', message: 'Saved' },
    });
    const typed = parseEnvelope(
      '<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="x"><e:Body><r><Result xsi:type="xsd:string">SUCCESS</Result></r></e:Body></e:Envelope>',
    );
    expect(soapText((typed.body.r as Record<string, unknown>).Result)).toBe('SUCCESS');
  });

  it('refuses documents with a DTD (entity expansion)', () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><Envelope><Body>&lol2;</Body></Envelope>';
    expect(() => parseEnvelope(bomb)).toThrow(/document type declaration/);
  });
});

describe('formatError', () => {
  it('keeps a coded error with only the documented extensions', () => {
    const original = new GatewayError('VENDOR_CONFLICT', 'flowize reported a conflict', {
      vendor: 'flowize',
      vendorStatus: 409,
      cause: new Error('raw body'),
    });
    const wrapped = new GraphQLError(original.message, { originalError: original, path: ['a'] });
    expect(formatError({ message: original.message, path: ['a'] }, wrapped)).toEqual({
      message: 'flowize reported a conflict',
      path: ['a'],
      extensions: { code: 'VENDOR_CONFLICT', vendor: 'flowize', vendorStatus: 409, retryable: false },
    });
  });

  it('never passes on a vendorStatus that is not a string or number', () => {
    const parsedElement = { '#text': 'SUCCESS', '@_type': 'xsd:string' } as unknown as string;
    const original = new GatewayError('VENDOR_REJECTED', 'flowize rejected the request', {
      vendor: 'flowize',
      vendorStatus: parsedElement,
    });
    const wrapped = new GraphQLError(original.message, { originalError: original });
    expect(formatError({ message: original.message }, wrapped).extensions).toEqual({
      code: 'VENDOR_REJECTED',
      vendor: 'flowize',
      retryable: false,
    });
  });

  it('masks an unexpected error', () => {
    const wrapped = new GraphQLError('Cannot read properties of undefined', {
      originalError: new TypeError('Cannot read properties of undefined'),
    });
    expect(
      formatError(
        { message: wrapped.message, extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] } },
        wrapped,
      ),
    ).toEqual({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR', retryable: false },
    });
  });

  it('turns validation failures into BAD_USER_INPUT', () => {
    const error = new GraphQLError('Cannot query field "nope" on type "Query".');
    expect(
      formatError({ message: error.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, error).extensions,
    ).toEqual({
      code: 'BAD_USER_INPUT',
      retryable: false,
    });
  });
});

describe('Redactor', () => {
  it('strips registered secrets and URLs', () => {
    const redactor = new Redactor(['s3cr3t-token-value']);
    expect(redactor.redact('auth s3cr3t-token-value failed at https://cloud-api.flowize.com/v1/record?api_key=x')).toBe(
      'auth [redacted] failed at [url]',
    );
  });

  it("keeps each gateway's secrets to itself", () => {
    const one = new Redactor(['first-gateway-secret']);
    const two = new Redactor(['second-gateway-secret']);
    expect(two.redact('first-gateway-secret')).toBe('first-gateway-secret');
    expect(one.redact('first-gateway-secret and second-gateway-secret')).toBe('[redacted] and second-gateway-secret');
  });

  it('strips the secrets a gateway registered from its formatted errors', () => {
    const error = new GatewayError('VENDOR_REJECTED', 'flowize rejected key k3y-abcdef');
    expect(createFormatError(new Redactor(['k3y-abcdef']))({ message: error.message }, error).message).toBe(
      'flowize rejected key [redacted]',
    );
  });
});
