namespace MolGrid.Grains.Store;

/// <summary>
/// PostgreSQL tables, functions and <c>OrleansQuery</c> rows that Orleans 10.4.2's ADO.NET providers
/// (clustering, grain storage, reminders; invariant <c>Npgsql</c>) need. The NuGet packages ship no schema, so
/// the grid store creates it, written for MolGrid against the provider contract:
/// <list type="bullet">
/// <item>each provider reads every query it needs by key from <c>OrleansQuery</c> at start-up and refuses to
/// start when one is missing ("Not all required queries found");</item>
/// <item>it binds parameters by name (<c>@DeploymentId</c>, <c>@GrainStateVersion</c>, ...) and reads result
/// columns by name, so those names are the contract; table, column and function names are ours;</item>
/// <item>conditional writes (membership version, grain-state version) answer 0 / an unchanged version when the
/// condition fails, and must leave nothing half-written: Orleans then re-reads and retries.</item>
/// </list>
/// Every statement is re-runnable (IF NOT EXISTS, CREATE OR REPLACE, ON CONFLICT DO UPDATE), so applying a
/// script twice, or over a database that already has these tables, is harmless. Functions carry a
/// <c>molgrid_orleans_</c> prefix so they never collide with functions from upstream's own scripts.
/// Unquoted identifiers fold to lower case in PostgreSQL; Orleans' mixed-case names in queries match them.
/// </summary>
internal static class OrleansSchema
{
    /// <summary>The query catalogue every provider reads at start-up.</summary>
    public const string Queries = """
        CREATE TABLE IF NOT EXISTS orleansquery (
            querykey  varchar(64)   NOT NULL PRIMARY KEY,
            querytext varchar(8000) NOT NULL
        );
        """;

    /// <summary>Cluster membership: one version row per deployment (the optimistic-concurrency token of the
    /// whole table) and one row per silo incarnation (address, port, generation).</summary>
    public const string Membership = """
        CREATE TABLE IF NOT EXISTS orleansmembershipversiontable (
            deploymentid varchar(150)   NOT NULL PRIMARY KEY,
            timestamp    timestamptz(3) NOT NULL DEFAULT now(),
            version      integer        NOT NULL DEFAULT 0
        );

        CREATE TABLE IF NOT EXISTS orleansmembershiptable (
            deploymentid varchar(150)   NOT NULL REFERENCES orleansmembershipversiontable (deploymentid),
            address      varchar(45)    NOT NULL,
            port         integer        NOT NULL,
            generation   integer        NOT NULL,
            siloname     varchar(150)   NOT NULL,
            hostname     varchar(150)   NOT NULL,
            status       integer        NOT NULL,
            proxyport    integer        NULL,
            suspecttimes varchar(8000)  NULL,
            starttime    timestamptz(3) NOT NULL,
            iamalivetime timestamptz(3) NOT NULL,
            PRIMARY KEY (deploymentid, address, port, generation)
        );

        -- 1 when this call created the deployment's version row, 0 when it already existed.
        CREATE OR REPLACE FUNCTION molgrid_orleans_insert_version(p_deployment text) RETURNS integer
        LANGUAGE plpgsql AS $body$
        DECLARE n integer;
        BEGIN
            INSERT INTO orleansmembershipversiontable (deploymentid) VALUES (p_deployment)
            ON CONFLICT (deploymentid) DO NOTHING;
            GET DIAGNOSTICS n = ROW_COUNT;
            RETURN n;
        END
        $body$;

        -- Adds a silo row and bumps the table version, both or neither: 0 when the caller's version is stale or
        -- the row exists. The inner block is a subtransaction, so raising inside it undoes the version bump.
        CREATE OR REPLACE FUNCTION molgrid_orleans_insert_member(
            p_deployment text, p_address text, p_port integer, p_generation integer, p_silo_name text,
            p_host_name text, p_status integer, p_proxy_port integer, p_start timestamptz, p_alive timestamptz,
            p_version integer) RETURNS integer
        LANGUAGE plpgsql AS $body$
        DECLARE n integer;
        BEGIN
            BEGIN
                UPDATE orleansmembershipversiontable SET version = version + 1, timestamp = now()
                WHERE deploymentid = p_deployment AND version = p_version;
                IF NOT FOUND THEN RETURN 0; END IF;
                INSERT INTO orleansmembershiptable (deploymentid, address, port, generation, siloname, hostname,
                    status, proxyport, starttime, iamalivetime)
                VALUES (p_deployment, p_address, p_port, p_generation, p_silo_name, p_host_name,
                    p_status, p_proxy_port, p_start, p_alive)
                ON CONFLICT (deploymentid, address, port, generation) DO NOTHING;
                GET DIAGNOSTICS n = ROW_COUNT;
                IF n = 0 THEN RAISE EXCEPTION 'membership row exists' USING ERRCODE = 'MG409'; END IF;
                RETURN 1;
            EXCEPTION WHEN SQLSTATE 'MG409' THEN
                RETURN 0;
            END;
        END
        $body$;

        -- Changes a silo's status and suspicions and bumps the table version, both or neither.
        CREATE OR REPLACE FUNCTION molgrid_orleans_update_member(
            p_deployment text, p_address text, p_port integer, p_generation integer, p_status integer,
            p_suspect_times text, p_alive timestamptz, p_version integer) RETURNS integer
        LANGUAGE plpgsql AS $body$
        BEGIN
            BEGIN
                UPDATE orleansmembershipversiontable SET version = version + 1, timestamp = now()
                WHERE deploymentid = p_deployment AND version = p_version;
                IF NOT FOUND THEN RETURN 0; END IF;
                UPDATE orleansmembershiptable
                SET status = p_status, suspecttimes = p_suspect_times, iamalivetime = GREATEST(iamalivetime, p_alive)
                WHERE deploymentid = p_deployment AND address = p_address AND port = p_port AND generation = p_generation;
                IF NOT FOUND THEN RAISE EXCEPTION 'no membership row' USING ERRCODE = 'MG404'; END IF;
                RETURN 1;
            EXCEPTION WHEN SQLSTATE 'MG404' THEN
                RETURN 0;
            END;
        END
        $body$;

        INSERT INTO orleansquery (querykey, querytext) VALUES
        ('UpdateIAmAlivetimeKey', '
            UPDATE orleansmembershiptable SET iamalivetime = GREATEST(iamalivetime, @IAmAliveTime)
            WHERE deploymentid = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation'),
        ('InsertMembershipVersionKey', '
            SELECT molgrid_orleans_insert_version(@DeploymentId)'),
        ('InsertMembershipKey', '
            SELECT molgrid_orleans_insert_member(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
                @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version)'),
        ('UpdateMembershipKey', '
            SELECT molgrid_orleans_update_member(@DeploymentId, @Address, @Port, @Generation, @Status,
                @SuspectTimes, @IAmAliveTime, @Version)'),
        -- The version row comes back even when the silo has no row yet (LEFT JOIN), as Orleans expects.
        ('MembershipReadRowKey', '
            SELECT v.deploymentid AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
                m.siloname AS SiloName, m.hostname AS HostName, m.status AS Status, m.proxyport AS ProxyPort,
                m.suspecttimes AS SuspectTimes, m.starttime AS StartTime, m.iamalivetime AS IAmAliveTime,
                v.version AS Version
            FROM orleansmembershipversiontable v
            LEFT JOIN orleansmembershiptable m ON m.deploymentid = v.deploymentid
                AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
            WHERE v.deploymentid = @DeploymentId'),
        ('MembershipReadAllKey', '
            SELECT v.deploymentid AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
                m.siloname AS SiloName, m.hostname AS HostName, m.status AS Status, m.proxyport AS ProxyPort,
                m.suspecttimes AS SuspectTimes, m.starttime AS StartTime, m.iamalivetime AS IAmAliveTime,
                v.version AS Version
            FROM orleansmembershipversiontable v
            LEFT JOIN orleansmembershiptable m ON m.deploymentid = v.deploymentid
            WHERE v.deploymentid = @DeploymentId'),
        ('DeleteMembershipTableEntriesKey', '
            DELETE FROM orleansmembershiptable WHERE deploymentid = @DeploymentId;
            DELETE FROM orleansmembershipversiontable WHERE deploymentid = @DeploymentId'),
        ('GatewaysQueryKey', '
            SELECT address AS Address, proxyport AS ProxyPort, generation AS Generation
            FROM orleansmembershiptable
            WHERE deploymentid = @DeploymentId AND status = @Status AND proxyport > 0'),
        -- Only rows of silos declared dead (status 6) that have been quiet since the cut-off are pruned.
        ('CleanupDefunctSiloEntriesKey', '
            DELETE FROM orleansmembershiptable
            WHERE deploymentid = @DeploymentId AND status = 6
                AND iamalivetime < @IAmAliveTime AND starttime < @IAmAliveTime'),
        -- Prunes one dead row, only if it is still exactly as the caller read it.
        ('CleanupDefunctSiloEntryKey', '
            DELETE FROM orleansmembershiptable
            WHERE deploymentid = @DeploymentId AND status = 6
                AND address = @Address AND port = @Port AND generation = @Generation
                AND iamalivetime = @IAmAliveTime AND starttime = @StartTime
                AND COALESCE(suspecttimes, '''') = COALESCE(@SuspectTimes, '''')')
        ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
        """;

    /// <summary>Grain state: one row per (service, grain type, grain id), versioned for optimistic concurrency.
    /// Unlike a plain index, the unique index makes two racing first writes of one grain impossible.</summary>
    public const string Persistence = """
        CREATE TABLE IF NOT EXISTS orleansstorage (
            grainidhash            integer      NOT NULL,
            grainidn0              bigint       NOT NULL,
            grainidn1              bigint       NOT NULL,
            graintypehash          integer      NOT NULL,
            graintypestring        varchar(512) NOT NULL,
            grainidextensionstring varchar(512) NULL,
            serviceid              varchar(150) NOT NULL,
            payloadbinary          bytea        NULL,
            payloadxml             xml          NULL,
            payloadjson            text         NULL,
            modifiedon             timestamp    NOT NULL,
            version                integer      NULL
        );

        CREATE UNIQUE INDEX IF NOT EXISTS ux_orleansstorage_grain ON orleansstorage
            (grainidhash, graintypehash, grainidn0, grainidn1, serviceid, graintypestring, COALESCE(grainidextensionstring, ''));

        -- The 10.4 provider passes every serializer's output as @PayloadBinary (JSON serializers included), so
        -- the json and xml columns stay NULL; they remain for databases shared with older providers.
        -- The new version, or the caller's version unchanged (NULL for a first write) when another writer got
        -- there first: Orleans reports that as an InconsistentStateException.
        CREATE OR REPLACE FUNCTION molgrid_orleans_write_state(
            p_id_hash integer, p_n0 bigint, p_n1 bigint, p_type_hash integer, p_type text, p_extension text,
            p_service text, p_version integer, p_binary bytea) RETURNS integer
        LANGUAGE plpgsql AS $body$
        BEGIN
            IF p_version IS NULL THEN
                INSERT INTO orleansstorage (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring,
                    grainidextensionstring, serviceid, payloadbinary, modifiedon, version)
                VALUES (p_id_hash, p_n0, p_n1, p_type_hash, p_type, p_extension, p_service, p_binary,
                    now() AT TIME ZONE 'utc', 1)
                ON CONFLICT DO NOTHING;
                IF FOUND THEN RETURN 1; END IF;
                RETURN NULL;
            END IF;
            UPDATE orleansstorage
            SET payloadbinary = p_binary, payloadjson = NULL, payloadxml = NULL,
                modifiedon = now() AT TIME ZONE 'utc', version = version + 1
            WHERE grainidhash = p_id_hash AND graintypehash = p_type_hash AND grainidn0 = p_n0 AND grainidn1 = p_n1
                AND graintypestring = p_type AND grainidextensionstring IS NOT DISTINCT FROM p_extension
                AND serviceid = p_service AND version = p_version;
            IF FOUND THEN RETURN p_version + 1; END IF;
            RETURN p_version;
        END
        $body$;

        INSERT INTO orleansquery (querykey, querytext) VALUES
        ('WriteToStorageKey', '
            SELECT molgrid_orleans_write_state(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
                @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary) AS NewGrainStateVersion'),
        -- Column order as the provider expects: binary, xml, json payloads, the read time, the version.
        ('ReadFromStorageKey', '
            SELECT payloadbinary AS PayloadBinary, payloadxml AS PayloadXml, payloadjson AS PayloadJson,
                now() AT TIME ZONE ''utc'' AS ModifiedOn, version AS Version
            FROM orleansstorage
            WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
                AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND graintypestring = @GrainTypeString
                AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString AND serviceid = @ServiceId'),
        ('ClearStorageKey', '
            UPDATE orleansstorage
            SET payloadbinary = NULL, payloadjson = NULL, payloadxml = NULL, version = version + 1
            WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
                AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND graintypestring = @GrainTypeString
                AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString AND serviceid = @ServiceId
                AND version = @GrainStateVersion
            RETURNING version AS NewGrainStateVersion'),
        -- Used instead of ClearStorageKey when DeleteStateOnClear is set: the row goes.
        ('DeleteStorageKey', '
            DELETE FROM orleansstorage
            WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
                AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND graintypestring = @GrainTypeString
                AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString AND serviceid = @ServiceId
                AND version = @GrainStateVersion
            RETURNING version + 1 AS NewGrainStateVersion')
        ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
        """;

    /// <summary>Reminders (the 10.4 provider's columns: no cron or priority). The ring hash selects the rows a
    /// silo owns: (begin, end], or wrapping round when begin >= end.</summary>
    public const string Reminders = """
        CREATE TABLE IF NOT EXISTS orleansreminderstable (
            serviceid    varchar(150)   NOT NULL,
            grainid      varchar(150)   NOT NULL,
            remindername varchar(150)   NOT NULL,
            starttime    timestamptz(3) NOT NULL,
            period       bigint         NOT NULL,
            grainhash    integer        NOT NULL,
            version      integer        NOT NULL,
            PRIMARY KEY (serviceid, grainid, remindername)
        );

        CREATE INDEX IF NOT EXISTS ix_orleansreminders_hash ON orleansreminderstable (serviceid, grainhash);

        INSERT INTO orleansquery (querykey, querytext) VALUES
        -- Insert or replace; the new version is the ETag Orleans hands back to the grain.
        ('UpsertReminderRowKey', '
            INSERT INTO orleansreminderstable AS r (serviceid, grainid, remindername, starttime, period, grainhash, version)
            VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period::bigint, @GrainHash, 0)
            ON CONFLICT (serviceid, grainid, remindername) DO UPDATE
            SET starttime = excluded.starttime, period = excluded.period, grainhash = excluded.grainhash,
                version = r.version + 1
            RETURNING r.version AS Version'),
        ('ReadReminderRowsKey', '
            SELECT grainid AS GrainId, remindername AS ReminderName, starttime AS StartTime, period AS Period, version AS Version
            FROM orleansreminderstable
            WHERE serviceid = @ServiceId AND grainid = @GrainId'),
        ('ReadReminderRowKey', '
            SELECT grainid AS GrainId, remindername AS ReminderName, starttime AS StartTime, period AS Period, version AS Version
            FROM orleansreminderstable
            WHERE serviceid = @ServiceId AND grainid = @GrainId AND remindername = @ReminderName'),
        ('ReadRangeRows1Key', '
            SELECT grainid AS GrainId, remindername AS ReminderName, starttime AS StartTime, period AS Period, version AS Version
            FROM orleansreminderstable
            WHERE serviceid = @ServiceId AND grainhash > @BeginHash AND grainhash <= @EndHash'),
        ('ReadRangeRows2Key', '
            SELECT grainid AS GrainId, remindername AS ReminderName, starttime AS StartTime, period AS Period, version AS Version
            FROM orleansreminderstable
            WHERE serviceid = @ServiceId AND (grainhash > @BeginHash OR grainhash <= @EndHash)'),
        ('DeleteReminderRowKey', '
            WITH gone AS (
                DELETE FROM orleansreminderstable
                WHERE serviceid = @ServiceId AND grainid = @GrainId AND remindername = @ReminderName AND version = @Version
                RETURNING 1)
            SELECT count(*)::integer FROM gone'),
        ('DeleteReminderRowsKey', '
            DELETE FROM orleansreminderstable WHERE serviceid = @ServiceId')
        ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
        """;

    /// <summary>Numbered store migrations (100 and up, clear of the grid's own numbers), in order.</summary>
    public static IReadOnlyList<(int Version, string Sql)> Steps { get; } =
    [
        (100, Queries),
        (101, Membership),
        (102, Persistence),
        (103, Reminders),
    ];

    /// <summary>Every key the three providers read; a test checks the catalogue holds exactly these.</summary>
    public static IReadOnlyList<string> QueryKeys { get; } =
    [
        "UpdateIAmAlivetimeKey", "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",
        "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey",
        "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];
}
