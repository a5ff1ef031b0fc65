package i18n

// consoleMessages are the strings of the console's work queue, clocks and glossary: {Indonesian, English}.
var consoleMessages = map[string][2]string{}
