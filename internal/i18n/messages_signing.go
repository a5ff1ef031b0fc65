package i18n

// signingMessages are the strings of reports the office signs: {Indonesian, English}.
var signingMessages = map[string][2]string{}
