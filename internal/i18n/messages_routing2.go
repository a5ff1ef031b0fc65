package i18n

// routing2Messages are the routing evaluation's strings added for issue
// 17's second round: {Indonesian, English}.
var routing2Messages = map[string][2]string{
	"routing.cli.eval_usage": {"pemakaian: aduan eval routing BERKAS.jsonl [--details] [--baseline] [--json] [--data DIR | --database-url URL] (opsi boleh sebelum atau sesudah berkas)",
		"usage: aduan eval routing FILE.jsonl [--details] [--baseline] [--json] [--data DIR | --database-url URL] (flags before or after the file)"},
}
