package dev.seedream.ratelimit.redis.internal;

/**
 * The Lua scripts of the Redis budget. Each runs atomically on the server and takes its time from
 * Redis {@code TIME}, in milliseconds. Two keys per API key: a sorted set of the places held
 * (member: one permit; score: when its place frees) and a hash with the budget's epoch and the time
 * until which no permit is given (after a loss of the entries, or a 429).
 *
 * <p>Every script answers {@code {code, epoch, waitMs, nowMs}}.
 */
public final class Scripts {
  private Scripts() {}

  /** A permit was granted. */
  public static final long GRANTED = 1;
  /** No place is free: ask again after {@code waitMs}. */
  public static final long FULL = 0;
  /** No permit until {@code waitMs} from now (the entries were lost, or the server answered 429). */
  public static final long PAUSED = -1;
  /** The epoch changed since the caller last saw it: register the permits it holds, then ask again. */
  public static final long NEW_EPOCH = -2;
  /** The places were registered. */
  public static final long REGISTERED = 2;

  /**
   * KEYS: held, epoch. ARGV[1] the epoch the caller saw ('' for none), ARGV[2] an epoch to create if
   * none exists, ARGV[3] the window in ms (margin included), ARGV[4] the epoch's time to live in ms.
   *
   * <p>A missing epoch means the entries are gone (a restart without persistence, a flush, an
   * eviction) when the caller had seen one: no permit is then given for a window, so that requests
   * that reached the server before the loss have left its window. An epoch found changed by a caller
   * that saw another one starts the same pause, once per epoch. A Redis server younger than a window
   * may have been restarted with requests of the key still in the API's window, whoever asks first
   * (a process started after the restart has seen no epoch): no permit is given until it is a window
   * old ({@code uptime_in_seconds} counts whole seconds, so its start is taken as late as it can be).
   */
  private static final String EPOCH =
      """
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      local seen = ARGV[1]
      local window = tonumber(ARGV[3])
      local epoch = redis.call('HGET', KEYS[2], 'epoch')
      local quarantine = tonumber(redis.call('HGET', KEYS[2], 'quarantine') or '0')
      if not epoch then
        epoch = ARGV[2]
        local up = tonumber(string.match(redis.call('INFO', 'server'), 'uptime_in_seconds:(%d+)')) or 0
        quarantine = now - up * 1000 + window
        if seen ~= '' then quarantine = math.max(quarantine, now + window) end
        redis.call('HSET', KEYS[2], 'epoch', epoch, 'quarantine', quarantine, 'noticed', seen ~= '' and 1 or 0)
      elseif seen ~= '' and seen ~= epoch and redis.call('HGET', KEYS[2], 'noticed') == '0' then
        quarantine = math.max(quarantine, now + window)
        redis.call('HSET', KEYS[2], 'quarantine', quarantine, 'noticed', 1)
      end
      redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[4]))
      """;

  /**
   * A permit, if fewer than the limit hold a place. ARGV[5] the limit, ARGV[6] the lease in ms (how
   * long a place is held without an answer), ARGV[7] the permit's member.
   */
  public static final String ACQUIRE =
      EPOCH
          + """
          if seen ~= epoch then return {-2, epoch, 0, now} end
          if quarantine > now then return {-1, epoch, quarantine - now, now} end
          redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
          local lease = tonumber(ARGV[6])
          if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[5]) then
            redis.call('ZADD', KEYS[1], now + lease, ARGV[7])
            redis.call('PEXPIRE', KEYS[1], lease + window)
            return {1, epoch, 0, now}
          end
          local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
          return {0, epoch, math.max(1, math.min(tonumber(first[2]) - now, window)), now}
          """;

  /**
   * Sets when places free: ARGV[5] the lease in ms, then pairs of member and milliseconds from now
   * (-1: the lease, for a request still in flight). An answer is a pair with the window; a permit
   * given back unused is a pair with 0. With no pairs, it only reads (or creates) the epoch.
   */
  public static final String REGISTER =
      EPOCH
          + """
          local lease = tonumber(ARGV[5])
          for i = 6, #ARGV - 1, 2 do
            local offset = tonumber(ARGV[i + 1])
            if offset < 0 then offset = lease end
            redis.call('ZADD', KEYS[1], now + offset, ARGV[i])
          end
          if #ARGV >= 6 then redis.call('PEXPIRE', KEYS[1], lease + window) end
          return {2, epoch, math.max(quarantine - now, 0), now}
          """;

  /** No permit for ARGV[5] ms: the server answered 429 all the same. */
  public static final String PAUSE =
      EPOCH
          + """
          local untilMs = now + tonumber(ARGV[5])
          if untilMs > quarantine then redis.call('HSET', KEYS[2], 'quarantine', untilMs) end
          return {-1, epoch, math.max(untilMs, quarantine) - now, now}
          """;
}
