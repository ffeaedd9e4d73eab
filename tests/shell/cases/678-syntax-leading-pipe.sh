# | at the start of a command
| cat
