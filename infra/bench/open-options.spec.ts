import { defaultDue, parseOpenOptions, UsageError } from './open-options';

describe('npm run bench -- --open N: its options', () => {
  it('takes N and gives the documented defaults for the rest', () => {
    expect(parseOpenOptions(['--open', '10000'])).toEqual({ open: 10000, due: 1000, concurrency: 16, leadSeconds: 60, spreadSeconds: 120, settleSeconds: 60 });
    expect(parseOpenOptions(['--open=300', '--due', '30', '--concurrency', '8', '--lead', '0', '--spread', '20', '--settle', '5'])).toEqual({
      open: 300,
      due: 30,
      concurrency: 8,
      leadSeconds: 0,
      spreadSeconds: 20,
      settleSeconds: 5,
    });
  });

  it('makes a tenth of the dossiers due, at least one and at most 1,000', () => {
    expect([1, 4, 50, 2000, 10000, 100000].map(defaultDue)).toEqual([1, 1, 5, 200, 1000, 1000]);
    expect(parseOpenOptions(['--open', '7', '--due', '0']).due).toBe(0);
  });

  it.each([
    [[], /--open N is required/],
    [['--open'], /argument missing/],
    [['--open', '0'], /--open must be a whole number of at least 1, not "0"/],
    [['--open', '1e3x'], /--open must be a whole number/],
    [['--open', '2.5'], /--open must be a whole number/],
    [['--open', ' '], /--open must be a whole number/],
    [['--open', '10', '--due', '11'], /--due 11 is more than --open 10/],
    [['--open', '10', '--due=-1'], /--due must be a whole number of at least 0/],
    [['--open', '10', '--concurrency', '0'], /--concurrency must be a whole number of at least 1/],
    [['--open', '10', '--settle', '0'], /--settle must be a whole number of at least 1/],
    [['--open', '10', '--dossiers', '5'], /Unknown option '--dossiers'.*usage: npm run bench -- --open N/],
    [['--open', '10', 'extra'], /positional argument/],
  ])('refuses %j with a usage message', (argv, message) => {
    expect(() => parseOpenOptions(argv)).toThrow(UsageError);
    expect(() => parseOpenOptions(argv)).toThrow(message);
  });
});
