package i18n

// ppidMessages are the strings of public-information requests (UU 14/2008): {Indonesian, English}.
var ppidMessages = map[string][2]string{}
