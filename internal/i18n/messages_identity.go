package i18n

// identityMessages are the strings of citizens' identity and inbound message matching: {Indonesian, English}.
var identityMessages = map[string][2]string{}
