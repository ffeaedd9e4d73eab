# while without do
while true; echo x; done
