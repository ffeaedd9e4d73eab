# && at the start of a command
&& echo x
