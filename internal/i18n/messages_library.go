package i18n

// libraryMessages are the library area's strings: {Indonesian, English}.
var libraryMessages = map[string][2]string{}
