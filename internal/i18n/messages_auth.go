package i18n

// authMessages are the strings of log-in, tokens, sessions and lock-out: {Indonesian, English}.
var authMessages = map[string][2]string{}
