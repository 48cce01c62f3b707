import { BadRequestException, HttpException, Logger } from '@nestjs/common';
import { ErrorFilter } from './error.filter';

/**
 * Under tsx (`npm start` until it ran the build) the exceptions Nest's Express adapter throws come
 * from another module instance of @nestjs/common than the app's: the filter must answer them by
 * what they do, not by their class. A second instance is loaded here the same way.
 */
function otherNestCommon(): typeof import('@nestjs/common') {
  let other: typeof import('@nestjs/common') | undefined;
  jest.isolateModules(() => {
    other = jest.requireActual<typeof import('@nestjs/common')>('@nestjs/common');
  });
  return other!;
}

describe('the exception filter and HTTP exceptions', () => {
  const filter = new ErrorFilter();
  const other = otherNestCommon();
  let logged: string[];
  beforeEach(() => {
    logged = [];
    for (const level of ['error', 'warn', 'log'] as const) {
      jest.spyOn(Logger.prototype, level).mockImplementation((...args: unknown[]) => void logged.push(String(args[0])));
    }
  });
  afterEach(() => jest.restoreAllMocks());

  it('loads a second instance of @nestjs/common, as tsx does', () => {
    expect(new other.BadRequestException('x')).not.toBeInstanceOf(HttpException);
  });

  it('answers an HTTP exception of either instance with its own status, in the error shape, and logs nothing', () => {
    for (const nest of [{ BadRequestException, HttpException }, other]) {
      expect(filter.answer(new nest.BadRequestException('the field is wrong'))).toEqual({
        status: 400,
        body: { error: { code: 'BAD_REQUEST', rule: null, message: 'the field is wrong' } },
      });
      expect(filter.answer(new nest.HttpException('request entity too large', 413))).toEqual({
        status: 413,
        body: { error: { code: 'PAYLOAD_TOO_LARGE', rule: null, message: 'request entity too large' } },
      });
      expect(filter.answer(new nest.HttpException('unsupported charset "UTF-16"', 415)).body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    expect(logged).toEqual([]);
  });

  it('never repeats the JSON parser\'s message, which quotes the body, nor logs it', () => {
    let parseError: SyntaxError | undefined;
    try {
      JSON.parse('{"applicant":{"name":"Hoàng Văn Riêng","idNumber":"038201555666x');
    } catch (e) {
      parseError = e as SyntaxError;
    }
    const fromAdapter = new other.BadRequestException(parseError!.message, { cause: Object.assign(parseError!, { status: 400 }) });
    const answer = filter.answer(fromAdapter);
    expect(answer).toEqual({ status: 400, body: { error: { code: 'BAD_REQUEST', rule: null, message: 'the body is not valid JSON (a JSON object is expected)' } } });
    expect(JSON.stringify(answer) + logged.join('')).not.toMatch(/Hoàng|Riêng|038201/);
  });

  it('answers a path with a malformed %-escape 400, without echoing it', () => {
    const decode = Object.assign(new URIError("Failed to decode param '%ZZ'"), { status: 400 });
    expect(filter.answer(new other.BadRequestException(decode.message, { cause: decode }))).toEqual({
      status: 400,
      body: { error: { code: 'BAD_REQUEST', rule: null, message: 'the path is not validly %-encoded' } },
    });
  });

  it('treats a 5xx HTTP exception as internal: generic answer, detail in the log', () => {
    const answer = filter.answer(new other.HttpException('upstream exploded at 10.0.0.7', 502));
    expect(answer.status).toBe(502);
    expect(answer.body.error.message).toBe('internal error');
    expect(logged.join('')).toContain('upstream exploded');
  });
});
