import { describe, it, expect } from 'vitest';
import { RedisStore, formatRedisReply } from './redis-store';

describe('RedisStore', () => {
  it('runs the dockercoins commands with Redis replies', () => {
    const r = new RedisStore();
    expect(r.command(['INCRBY', 'hashes', '0'])).toEqual({ type: 'integer', value: 0 });
    expect(r.command(['incrby', 'hashes', '12'])).toEqual({ type: 'integer', value: 12 });
    expect(r.command(['INCR', 'hashes'])).toEqual({ type: 'integer', value: 13 });
    expect(r.command(['GET', 'hashes'])).toEqual({ type: 'bulk', value: '13' });
    expect(r.command(['HSET', 'wallet', '0abc', '\u0001\u00ff'])).toEqual({ type: 'integer', value: 1 });
    expect(r.command(['HSET', 'wallet', '0abc', 'x', '0def', 'y'])).toEqual({ type: 'integer', value: 1 });
    expect(r.command(['HLEN', 'wallet'])).toEqual({ type: 'integer', value: 2 });
    expect(r.command(['HGETALL', 'wallet'])).toEqual({
      type: 'array',
      value: [{ type: 'bulk', value: '0abc' }, { type: 'bulk', value: 'x' }, { type: 'bulk', value: '0def' }, { type: 'bulk', value: 'y' }],
    });
    expect(r.command(['HINCRBYFLOAT', 'prices', 'btc', '10.5'])).toEqual({ type: 'bulk', value: '10.5' });
    expect(r.command(['HINCRBYFLOAT', 'prices', 'btc', '-0.2'])).toEqual({ type: 'bulk', value: '10.3' });
    expect(r.command(['HINCRBYFLOAT', 'p', 'f', '0.1'])).toEqual({ type: 'bulk', value: '0.1' });
    expect(r.command(['HINCRBYFLOAT', 'p', 'f', '0.2'])).toEqual({ type: 'bulk', value: '0.3' });
    expect(r.command(['SET', 'greeting', 'hello'])).toEqual({ type: 'status', value: 'OK' });
    expect(r.command(['GET', 'missing'])).toEqual({ type: 'bulk', value: null });
    expect(r.command(['PING'])).toEqual({ type: 'status', value: 'PONG' });
  });
  it('gives Redis 7 error texts', () => {
    const r = new RedisStore();
    r.command(['SET', 'greeting', 'hello']);
    r.command(['HSET', 'wallet', 'a', 'b']);
    expect(r.command(['INCR', 'greeting'])).toEqual({ type: 'error', value: 'ERR value is not an integer or out of range' });
    expect(r.command(['GET', 'wallet'])).toEqual({ type: 'error', value: 'WRONGTYPE Operation against a key holding the wrong kind of value' });
    expect(r.command(['HSET', 'greeting', 'a', 'b'])).toEqual({ type: 'error', value: 'WRONGTYPE Operation against a key holding the wrong kind of value' });
    expect(r.command(['GET'])).toEqual({ type: 'error', value: "ERR wrong number of arguments for 'get' command" });
    expect(r.command(['HSET', 'h', 'a'])).toEqual({ type: 'error', value: "ERR wrong number of arguments for 'hset' command" });
    expect(r.command(['HSET', 'h', 'a', 'b', 'c'])).toEqual({ type: 'error', value: "ERR wrong number of arguments for 'hset' command" });
    expect(r.command(['FOO', 'bar', 'baz'])).toEqual({ type: 'error', value: "ERR unknown command 'FOO', with args beginning with: 'bar' 'baz' " });
    expect(r.command(['HINCRBYFLOAT', 'wallet', 'a', '1'])).toEqual({ type: 'error', value: 'ERR hash value is not a float' });
    expect(r.command(['HINCRBYFLOAT', 'wallet', 'n', 'x'])).toEqual({ type: 'error', value: 'ERR value is not a valid float' });
    expect(r.command(['INCRBY', 'n', '9223372036854775807'])).toEqual({ type: 'integer', value: 9223372036854775807 });
    expect(r.command(['INCR', 'n'])).toEqual({ type: 'error', value: 'ERR increment or decrement would overflow' });
  });
  it('renders replies like redis-cli on a tty', () => {
    expect(formatRedisReply({ type: 'integer', value: 3 })).toBe('(integer) 3');
    expect(formatRedisReply({ type: 'bulk', value: null })).toBe('(nil)');
    expect(formatRedisReply({ type: 'bulk', value: '13' })).toBe('"13"');
    expect(formatRedisReply({ type: 'array', value: [] })).toBe('(empty array)');
    expect(formatRedisReply({ type: 'array', value: [{ type: 'bulk', value: 'a' }, { type: 'bulk', value: 'b' }] })).toBe('1) "a"\n2) "b"');
  });
});
