-- The PPID's annual public-information service report is made final as the
-- monthly report is (a report of kind 'info_annual' in reports, with its
-- versions, paraf, files and corrections), not frozen in a table of its
-- own. The table held nothing in a release: it came and went in issue 19.
DROP TABLE info_annual_reports;
