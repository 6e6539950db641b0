"""PostgreSQL function ``learning_heartbeat_record``: one playback heartbeat in one statement (one round trip).

The rules are learning/services/heartbeat_rules.py's, for the one case that is every learner's every ~10 s: a
single heartbeat that does not complete a lesson. Settings (shares, caps, windows; one JSON argument) and the
local day come in as arguments, so configuration stays in Python. Anything else answers ``follow_up`` without writing and Python
runs it (completion: ledger, course progress, certificates on commit). Both implementations answer the same
rule tests (tests/learning/test_heartbeat_*; the ORM store runs them through Python).

Interval sets are 2-D float8 arrays ``{{start,end},…}``; helpers ``learning_iv_*`` mirror services/intervals.py.
On other databases (SQLite) nothing is created: heartbeats there always run in Python.
"""

from django.db import migrations

HELPERS = r"""
CREATE OR REPLACE FUNCTION learning_iv_merge(x float8[]) RETURNS float8[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $fn$
DECLARE
  n integer := coalesce(array_length(x, 1), 0);
  a float8[] := '{}';
  b float8[] := '{}';
  m integer := 0;
  i integer;
  j integer;
  ta float8;
  tb float8;
  o float8[] := '{}';
  k integer := 0;
BEGIN
  FOR i IN 1 .. n LOOP  -- the non-empty spans, insertion-sorted by (start, end)
    CONTINUE WHEN NOT x[i][2] > x[i][1];
    m := m + 1; a[m] := x[i][1]; b[m] := x[i][2]; j := m;
    WHILE j > 1 AND (a[j - 1] > a[j] OR (a[j - 1] = a[j] AND b[j - 1] > b[j])) LOOP
      ta := a[j - 1]; tb := b[j - 1]; a[j - 1] := a[j]; b[j - 1] := b[j]; a[j] := ta; b[j] := tb; j := j - 1;
    END LOOP;
  END LOOP;
  FOR i IN 1 .. m LOOP
    IF k > 0 AND a[i] <= o[k][2] THEN
      IF b[i] > o[k][2] THEN o[k][2] := b[i]; END IF;
    ELSIF k = 0 THEN
      o := ARRAY[ARRAY[a[i], b[i]]]; k := 1;
    ELSE
      o := o || ARRAY[ARRAY[a[i], b[i]]]; k := k + 1;
    END IF;
  END LOOP;
  RETURN o;
END $fn$;

CREATE OR REPLACE FUNCTION learning_iv_length(x float8[]) RETURNS float8
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $fn$
DECLARE
  total float8 := 0;
BEGIN
  FOR i IN 1 .. coalesce(array_length(x, 1), 0) LOOP
    total := total + (x[i][2] - x[i][1]);
  END LOOP;
  RETURN total;
END $fn$;

CREATE OR REPLACE FUNCTION learning_iv_clip(x float8[], low float8, high float8) RETURNS float8[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $fn$
DECLARE
  o float8[] := '{}';
  a float8;
  b float8;
BEGIN
  FOR i IN 1 .. coalesce(array_length(x, 1), 0) LOOP
    a := greatest(x[i][1], low); b := least(x[i][2], high);
    CONTINUE WHEN NOT b > a;
    IF cardinality(o) = 0 THEN o := ARRAY[ARRAY[a, b]]; ELSE o := o || ARRAY[ARRAY[a, b]]; END IF;
  END LOOP;
  RETURN o;
END $fn$;

CREATE OR REPLACE FUNCTION learning_iv_truncate(x float8[], budget float8) RETURNS float8[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $fn$
DECLARE
  o float8[] := '{}';
  taken float8;
  remaining float8 := budget;
BEGIN
  FOR i IN 1 .. coalesce(array_length(x, 1), 0) LOOP
    EXIT WHEN remaining <= 0;
    taken := least(x[i][2] - x[i][1], remaining);
    IF cardinality(o) = 0 THEN o := ARRAY[ARRAY[x[i][1], x[i][1] + taken]];
    ELSE o := o || ARRAY[ARRAY[x[i][1], x[i][1] + taken]]; END IF;
    remaining := remaining - taken;
  END LOOP;
  RETURN o;
END $fn$;

CREATE OR REPLACE FUNCTION learning_iv_from_json(j jsonb) RETURNS float8[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $fn$
DECLARE
  o float8[] := '{}';
BEGIN
  FOR i IN 0 .. coalesce(jsonb_array_length(j), 0) - 1 LOOP
    IF i = 0 THEN o := ARRAY[ARRAY[(j->0->>0)::float8, (j->0->>1)::float8]];
    ELSE o := o || ARRAY[ARRAY[(j->i->>0)::float8, (j->i->>1)::float8]]; END IF;
  END LOOP;
  RETURN o;
END $fn$;

CREATE OR REPLACE FUNCTION learning_iv_to_json(x float8[]) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $fn$
DECLARE
  o jsonb := '[]';
BEGIN
  FOR i IN 1 .. coalesce(array_length(x, 1), 0) LOOP
    o := o || jsonb_build_array(jsonb_build_array(round(x[i][1]::numeric, 3)::float8, round(x[i][2]::numeric, 3)::float8));
  END LOOP;
  RETURN o;
END $fn$;
"""

RECORD = r"""
CREATE OR REPLACE FUNCTION learning_heartbeat_record(
  p_user bigint, p_token varchar, p_lesson bigint, p_course bigint, p_duration float8, p_client uuid,
  p_device text, p_sent timestamptz, p_intervals jsonb, p_position float8, p_rate float8, p_visible boolean,
  p_now timestamptz, p_day date, p_settings jsonb
) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
  p_max_window float8 := (p_settings->>'max_window')::float8;
  p_max_rate float8 := (p_settings->>'max_rate')::float8;
  p_min_rate float8 := (p_settings->>'min_rate')::float8;
  p_oldest timestamptz := p_now - make_interval(days => (p_settings->>'max_age_days')::integer);
  p_complete_share float8 := (p_settings->>'complete_share')::float8;
  p_point_seconds float8 := (p_settings->>'point_seconds')::float8;
  p_points_cap integer := (p_settings->>'points_cap')::integer;
  p_touch_seconds float8 := (p_settings->>'touch_seconds')::float8;
  p_lock_namespace integer := (p_settings->>'lock_namespace')::integer;
  p_study_time_kind text := p_settings->>'study_time_kind';
  v_user bigint := p_user;
  v_active boolean;
  v_enrollment bigint;
  v_last_lesson bigint;
  v_last_activity timestamptz;
  v_progress bigint;
  v_status text := 'not_started';
  v_ranges float8[] := '{}';
  v_ranges_json jsonb;
  v_played float8 := 0;
  v_position float8 := 0;
  v_position_at timestamptz;
  v_changed boolean := false;
  v_duplicate boolean;
  v_outcome text;
  v_played_iv float8[];
  v_played_len float8;
  v_rate float8;
  v_end float8;
  v_claimed_start float8;
  v_earned float8[];
  v_budget float8;
  v_accepted float8[];
  v_media float8 := 0;
  v_before float8;
  v_merged float8[];
  v_credited float8 := 0;
  v_window_start timestamptz;
  v_window_end timestamptz;
  v_new_coverage float8 := 0;
  v_day_id bigint;
  v_day_seconds float8;
  v_day_points integer;
  v_requested integer;
  v_granted integer;
BEGIN
  IF v_user IS NULL THEN
    SELECT u.id, u.is_active INTO v_user, v_active
      FROM authtoken_token AS t JOIN accounts_user AS u ON u.id = t.user_id WHERE t.key = p_token;
    IF v_user IS NULL OR NOT v_active THEN
      RETURN jsonb_build_object('status', 'unauthenticated');
    END IF;
  END IF;
  -- the learner's lock (services/locks.py); this function is VOLATILE, so every read below takes a fresh
  -- snapshot and sees what earlier holders of the lock committed
  PERFORM pg_advisory_xact_lock(p_lock_namespace, v_user::integer);
  -- one read: the enrolment, the lesson's progress, whether this client id was recorded, and the wall-clock
  -- windows this person already earned around the heartbeat's window
  SELECT e.id, e.last_lesson_id, e.last_activity_at, p.id, coalesce(p.status, 'not_started'),
         learning_iv_from_json(p.played_ranges), coalesce(p.played_ranges, '[]'), coalesce(p.played_seconds, 0), coalesce(p.position, 0), p.position_at,
         EXISTS (SELECT 1 FROM learning_playbackheartbeat AS h WHERE h.user_id = v_user AND h.client_id = p_client),
         (SELECT coalesce(array_agg(ARRAY[extract(epoch FROM h.window_start)::float8,
                                          extract(epoch FROM h.window_end)::float8]), '{}')
            FROM learning_playbackheartbeat AS h
           WHERE h.user_id = v_user AND h.window_end > p_sent - make_interval(secs => p_max_window)
             AND h.window_start < p_sent)
    INTO v_enrollment, v_last_lesson, v_last_activity, v_progress, v_status, v_ranges, v_ranges_json, v_played, v_position,
         v_position_at, v_duplicate, v_earned
    FROM learning_enrollment AS e
    LEFT JOIN learning_lessonprogress AS p ON p.user_id = v_user AND p.lesson_id = p_lesson
   WHERE e.user_id = v_user AND e.course_id = p_course;
  IF v_enrollment IS NULL THEN
    RETURN jsonb_build_object('status', 'not_enrolled', 'user', v_user);
  END IF;

  IF NOT v_duplicate THEN
    v_played_iv := learning_iv_clip(learning_iv_merge(learning_iv_from_json(p_intervals)), 0, p_duration);
    v_played_len := learning_iv_length(v_played_iv);
    v_rate := least(greatest(p_rate, p_min_rate), p_max_rate);
    IF v_position_at IS NULL OR p_sent >= v_position_at THEN
      v_position := least(greatest(p_position, 0), p_duration);
      v_position_at := p_sent;
      v_changed := true;
    END IF;
    IF p_sent < p_oldest THEN
      v_outcome := 'stale';
    ELSIF NOT p_visible THEN
      v_outcome := 'hidden';
    ELSIF v_played_len <= 0 THEN
      v_outcome := 'idle';
    ELSE
      v_end := extract(epoch FROM p_sent)::float8;
      v_claimed_start := v_end - least(v_played_len / v_rate, p_max_window);
      v_budget := (v_end - v_claimed_start)
        - learning_iv_length(learning_iv_clip(learning_iv_merge(v_earned), v_claimed_start, v_end));
      IF v_budget <= 1e-6 THEN
        v_outcome := 'overlap';
      ELSE
        v_accepted := learning_iv_truncate(v_played_iv, v_budget * p_max_rate);
        v_media := learning_iv_length(v_accepted);
        v_before := v_played;
        v_merged := learning_iv_merge(v_ranges || v_accepted);
        v_ranges_json := learning_iv_to_json(v_merged);  -- rounded to the millisecond, as stored
        v_played := round(learning_iv_length(v_merged)::numeric, 3)::float8;
        v_credited := least(v_budget, v_media / v_rate);
        v_window_start := to_timestamp(v_claimed_start);
        v_window_end := p_sent;
        v_new_coverage := round((v_played - v_before)::numeric, 3)::float8;
        v_outcome := CASE WHEN v_media >= v_played_len - 1e-6 THEN 'credited' ELSE 'capped' END;
        v_changed := true;
        IF v_status = 'not_started' THEN v_status := 'in_progress'; END IF;
      END IF;
    END IF;
    IF v_status <> 'completed' AND v_played >= p_complete_share * p_duration - 1e-6 THEN
      RETURN jsonb_build_object('status', 'follow_up', 'user', v_user);  -- completion: Python, nothing written
    END IF;
    -- one write: the audit row, the progress row (when it changed), the day's study time (when credited)
    WITH beat AS (
      INSERT INTO learning_playbackheartbeat
        (user_id, lesson_id, client_id, device, sent_at, received_at, intervals, position, rate, visible,
         window_start, window_end, media_seconds, new_coverage, credited_seconds, outcome)
      VALUES (v_user, p_lesson, p_client, left(p_device, 64), p_sent, p_now, p_intervals, p_position, p_rate,
              p_visible, v_window_start, v_window_end, round(v_media::numeric, 3)::float8, v_new_coverage,
              round(v_credited::numeric, 3)::float8, v_outcome)
    ), progress AS (
      INSERT INTO learning_lessonprogress
        (user_id, lesson_id, course_id, status, played_ranges, played_seconds, position, position_at,
         pages_seen, page_count, read_percent, completed_at, updated_at)
      SELECT v_user, p_lesson, p_course, v_status, v_ranges_json, v_played, v_position,
             v_position_at, '[]'::jsonb, NULL, 0, NULL, p_now
       WHERE v_changed
      ON CONFLICT (user_id, lesson_id) DO UPDATE
         SET status = EXCLUDED.status, played_ranges = EXCLUDED.played_ranges,
             played_seconds = EXCLUDED.played_seconds, position = EXCLUDED.position,
             position_at = EXCLUDED.position_at, updated_at = EXCLUDED.updated_at
    ), studied AS (
      INSERT INTO learning_dailystudy AS d (user_id, day, seconds, points)
      SELECT v_user, p_day, v_credited, 0 WHERE v_credited > 0
      ON CONFLICT (user_id, day) DO UPDATE SET seconds = d.seconds + EXCLUDED.seconds
      RETURNING d.id, d.seconds, d.points
    )
    SELECT studied.id, studied.seconds, studied.points INTO v_day_id, v_day_seconds, v_day_points FROM studied;
    IF v_day_id IS NOT NULL THEN
      -- points for every block of study minutes the day's total crossed, within the daily cap (services/ledger.py)
      v_requested := floor(v_day_seconds / p_point_seconds)::integer - floor((v_day_seconds - v_credited) / p_point_seconds)::integer;
      IF v_requested > 0 THEN
        v_granted := least(v_requested, greatest(0, p_points_cap - v_day_points));
        INSERT INTO learning_ledgerentry
          (user_id, day, kind, points_requested, points, hours, seconds, course_id, lesson_id, created_at)
        VALUES (v_user, p_day, p_study_time_kind, v_requested, v_granted, 0, v_requested * p_point_seconds,
                p_course, p_lesson, p_now);
        UPDATE learning_dailystudy SET points = points + v_granted WHERE id = v_day_id;
      END IF;
    END IF;
  END IF;

  IF v_last_activity IS NULL OR extract(epoch FROM p_now - v_last_activity) >= p_touch_seconds
     OR v_last_lesson IS DISTINCT FROM p_lesson THEN
    UPDATE learning_enrollment SET last_activity_at = p_now, last_lesson_id = p_lesson WHERE id = v_enrollment;
  END IF;
  RETURN jsonb_build_object(
    'status', 'ok', 'user', v_user, 'played_seconds', v_played, 'position', v_position,
    'completed', v_status = 'completed', 'credited_seconds', round(v_credited::numeric, 3)::float8,
    'duplicate', v_duplicate, 'outcome', v_outcome);
END $fn$;
"""

DROP = """
DROP FUNCTION IF EXISTS learning_heartbeat_record(bigint, varchar, bigint, bigint, float8, uuid, text, timestamptz, jsonb,
  float8, float8, boolean, timestamptz, date, jsonb);
DROP FUNCTION IF EXISTS learning_iv_merge(float8[]);
DROP FUNCTION IF EXISTS learning_iv_length(float8[]);
DROP FUNCTION IF EXISTS learning_iv_clip(float8[], float8, float8);
DROP FUNCTION IF EXISTS learning_iv_truncate(float8[], float8);
DROP FUNCTION IF EXISTS learning_iv_from_json(jsonb);
DROP FUNCTION IF EXISTS learning_iv_to_json(float8[]);
"""


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(HELPERS + RECORD)


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("learning", "0004_heartbeat_user_index"), ("authtoken", "0004_alter_tokenproxy_options")]

    operations = [migrations.RunPython(create, drop)]
