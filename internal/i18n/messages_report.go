package i18n

// reportMessages are the report area's strings: {Indonesian, English}.
var reportMessages = map[string][2]string{}
