global using HelloWork.Tests.Infrastructure;
global using Xunit;
