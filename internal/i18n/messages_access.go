package i18n

// accessMessages are the strings of who may read what: masking, redaction, search and exports: {Indonesian, English}.
var accessMessages = map[string][2]string{}
