package i18n

// webMessages are the web area's strings: {Indonesian, English}.
var webMessages = map[string][2]string{}
