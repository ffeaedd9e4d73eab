# then without if
then echo x
