-- The ASP.NET Core data-protection key ring every silo shares (console sign-in cookies). Append-only: the key manager
-- expires keys itself. The identity column keeps the order the elements were added in.
CREATE TABLE data_protection_keys (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE,
    xml text NOT NULL);
