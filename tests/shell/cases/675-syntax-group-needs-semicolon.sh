# } must be a separate command
{ echo a }
