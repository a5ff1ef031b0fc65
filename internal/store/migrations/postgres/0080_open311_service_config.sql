-- Open311 service configuration in the console (issue 20): a city sets
-- each service's keywords, group and description beside its type, notice
-- and attributes. NULL keeps what the category gives (its keywords, the
-- first level of its SP4N-LAPOR! category, its name and agency).
ALTER TABLE open311_services ADD COLUMN keywords TEXT;
ALTER TABLE open311_services ADD COLUMN grp TEXT;
ALTER TABLE open311_services ADD COLUMN description TEXT;
